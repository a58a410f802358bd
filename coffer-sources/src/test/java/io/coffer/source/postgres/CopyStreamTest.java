package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

class CopyStreamTest {

  private final PgServer server = new PgServer();
  private final String db = server.name("copystream");

  @AfterEach
  void drop() throws SQLException {
    server.close();
  }

  @Test
  void load_sendsTheWholeStream_andCountsItsRows() throws Exception {
    server.execute("postgres", "CREATE DATABASE " + db);
    server.execute(db, "CREATE TABLE t (id int, name text)");
    ByteArrayOutputStream rows = new ByteArrayOutputStream();
    for (int i = 0; i < 20_000; i++) {
      rows.write((i + "\trow " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    try (Connection c = server.connect(db)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThat(CopyStream.load(copy, "COPY t FROM STDIN", new ByteArrayInputStream(rows.toByteArray())))
          .isEqualTo(20_000);
      assertThat(CopyStream.load(copy, "COPY t FROM STDIN", InputStream.nullInputStream())).isZero();
    }
    assertThat(server.strings(db, "SELECT count(*), sum(id), max(name) FROM t"))
        .containsExactly("20000|199990000|row 9999");
  }

  @Test
  void aRowTheServerRefuses_failsWithItsError_andLeavesTheConnectionUsable() throws Exception {
    server.execute("postgres", "CREATE DATABASE " + db);
    server.execute(db, "CREATE TABLE t (id int)");
    try (Connection c = server.connect(db)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThatThrownBy(() -> CopyStream.load(copy, "COPY t FROM STDIN",
              new ByteArrayInputStream("1\nnot a number\n".getBytes(StandardCharsets.UTF_8))))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("invalid input syntax for type integer");
      assertThat(CopyStream.load(copy, "COPY t FROM STDIN",
          new ByteArrayInputStream("2\n".getBytes(StandardCharsets.UTF_8)))).isEqualTo(1);
    }
    assertThat(server.strings(db, "SELECT id FROM t")).containsExactly("2");
  }

  @Test
  void aStreamThatFails_cancelsTheCopy_andKeepsItsError() throws Exception {
    server.execute("postgres", "CREATE DATABASE " + db);
    server.execute(db, "CREATE TABLE t (id int)");
    InputStream failing = new InputStream() {
      private int sent;

      @Override
      public int read() throws IOException {
        if (sent++ < 2) {
          return sent == 1 ? '1' : '\n';
        }
        throw new IOException("reading stream t from the volume failed: damaged");
      }
    };
    try (Connection c = server.connect(db)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      assertThatThrownBy(() -> CopyStream.load(copy, "COPY t FROM STDIN", failing))
          .isInstanceOf(IOException.class)
          .hasMessage("reading stream t from the volume failed: damaged");
      assertThat(server.strings(db, "SELECT count(*) FROM t")).containsExactly("0");
    }
  }
}
