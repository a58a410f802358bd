package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.ContentDigest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** Row checksums of the server's real binary COPY output, however it is split into writes. */
class BinaryCopyDigestStreamTest {

  private final PgServer pg = new PgServer();

  @AfterEach
  void cleanUp() throws Exception {
    pg.close();
  }

  @Test
  void rowsHashTheSame_howeverTheOutputIsSplitIntoWrites_andAsEachRowsOwnBytes() throws Exception {
    String db = pg.name("binary");
    pg.execute("postgres", "CREATE DATABASE \"" + db + "\"");
    pg.execute(db,
        "CREATE TABLE t (id int, b bytea, n numeric, a text[], e int)",
        "INSERT INTO t SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE sha256(int4send(g)) END,"
            + " g / 3.0, ARRAY['x' || g, NULL], NULL FROM generate_series(1, 300) g",
        "INSERT INTO t VALUES (0, '', 0, '{}', 0)",
        "CREATE TABLE nothing ()",
        "INSERT INTO nothing SELECT FROM generate_series(1, 3)");
    byte[] copy = copyOut(db, "COPY t TO STDOUT (FORMAT binary)");

    ContentDigest reference = rowByRow(copy);
    assertThat(reference.rows()).isEqualTo(301);
    for (int piece : new int[] {1, 2, 3, 5, 19, 20, 21, 64, 1000, copy.length}) {
      ByteArrayOutputStream passed = new ByteArrayOutputStream();
      BinaryCopyDigestStream stream = new BinaryCopyDigestStream(passed);
      for (int i = 0; i < copy.length; i += piece) {
        stream.write(copy, i, Math.min(piece, copy.length - i));
      }
      stream.finish();
      assertThat(passed.toByteArray()).as("passed through, pieces of %d", piece).isEqualTo(copy);
      assertThat(stream.digest().rows()).isEqualTo(301);
      assertThat(stream.digest().checksum()).as("pieces of %d", piece).isEqualTo(reference.checksum());
    }

    byte[] empty = copyOut(db, "COPY nothing TO STDOUT (FORMAT binary)");
    BinaryCopyDigestStream rows = new BinaryCopyDigestStream(null);
    rows.write(empty, 0, empty.length);
    rows.finish();
    assertThat(rows.digest().rows()).isEqualTo(3);
  }

  @Test
  void outputThatIsNotWholeBinaryCopy_isRefused() throws Exception {
    String db = pg.name("badbinary");
    pg.execute("postgres", "CREATE DATABASE \"" + db + "\"");
    pg.execute(db, "CREATE TABLE t (id int, b bytea)", "INSERT INTO t VALUES (1, '\\x0102')");
    byte[] copy = copyOut(db, "COPY t TO STDOUT (FORMAT binary)");

    assertThatThrownBy(() -> digest(copyOut(db, "COPY (SELECT repeat('x', 40)) TO STDOUT")))
        .isInstanceOf(IOException.class).hasMessageContaining("signature");
    assertThatThrownBy(() -> digest(Arrays.copyOf(copy, copy.length - 2)))
        .isInstanceOf(IOException.class).hasMessageContaining("ended before its end marker");
    assertThatThrownBy(() -> digest(Arrays.copyOf(copy, copy.length + 1)))
        .isInstanceOf(IOException.class).hasMessageContaining("after its end marker");
    byte[] withOids = copy.clone();
    withOids[12] = 1; // flags bit 16: every row carries an oid
    assertThatThrownBy(() -> digest(withOids))
        .isInstanceOf(IOException.class).hasMessageContaining("header flags 10000");
    byte[] badLength = copy.clone();
    badLength[21] = (byte) 0xff; // the first field's length, 19 header bytes and a count of 2 on
    badLength[22] = (byte) 0xff;
    badLength[23] = (byte) 0xff;
    badLength[24] = (byte) 0xfe;
    assertThatThrownBy(() -> digest(badLength))
        .isInstanceOf(IOException.class).hasMessageContaining("field of length -2");
  }

  private static void digest(byte[] copy) throws IOException {
    BinaryCopyDigestStream rows = new BinaryCopyDigestStream(null);
    rows.write(copy, 0, copy.length);
    rows.finish();
  }

  private byte[] copyOut(String db, String sql) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Connection c = pg.connect(db)) {
      c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
    }
    return out.toByteArray();
  }

  /** Each row's bytes found by reading the format field by field, hashed as one piece. */
  private static ContentDigest rowByRow(byte[] copy) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(copy));
    in.skipNBytes(15);
    in.skipNBytes(in.readInt());
    ContentDigest digest = new ContentDigest();
    short fields;
    while ((fields = in.readShort()) != -1) {
      ByteArrayOutputStream row = new ByteArrayOutputStream();
      row.write(fields >> 8);
      row.write(fields);
      for (int f = 0; f < fields; f++) {
        int length = in.readInt();
        row.write(new byte[] {(byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length});
        if (length > 0) {
          row.write(in.readNBytes(length));
        }
      }
      byte[] bytes = row.toByteArray();
      digest.update(bytes, 0, bytes.length);
      digest.endRow();
    }
    assertThat(in.read()).isEqualTo(-1);
    return digest;
  }
}
