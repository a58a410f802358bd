package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.source.ContentDigest;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyDigestStreamTest {

  @Test
  void nextNewline_findsTheFirstNewline_atEveryAlignment_andNoneWhereThereIsNone() {
    for (int length = 0; length <= 40; length++) {
      for (int at = -1; at < length; at++) {
        byte[] b = new byte[length + 3];
        java.util.Arrays.fill(b, (byte) 'x');
        b[1] = '\n';   // before the range: not seen
        if (at >= 0) {
          b[2 + at] = '\n';
          if (2 + at + 1 < 2 + length) {
            b[2 + at + 1] = '\n';   // a second one right after: the first is reported
          }
          // A byte one above a newline's value must not be taken for one.
          if (at > 0) {
            b[2 + at - 1] = 0x0b;
          }
        }
        b[2 + length] = '\n';   // after the range: not seen
        int expected = at < 0 ? -1 : 2 + at;
        assertThat(CopyDigestStream.nextNewline(b, 2, 2 + length)).as("length %d, newline at %d", length, at)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void rowsHashTheSame_howeverTheOutputIsSplitIntoWrites() throws Exception {
    Random random = new Random(7);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ContentDigest reference = new ContentDigest();
    for (int row = 0; row < 300; row++) {
      byte[] bytes = new byte[random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (random.nextInt(5) == 0 ? '\t' : 'a' + random.nextInt(26));
      }
      reference.update(bytes, 0, bytes.length);
      reference.endRow();
      all.write(bytes);
      all.write('\n');
    }
    byte[] copy = all.toByteArray();

    for (int piece : new int[] {1, 2, 3, 7, 8, 9, 16, 17, 100, copy.length}) {
      ByteArrayOutputStream passed = new ByteArrayOutputStream();
      CopyDigestStream stream = new CopyDigestStream(passed);
      for (int i = 0; i < copy.length; i += piece) {
        stream.write(copy, i, Math.min(piece, copy.length - i));
      }
      assertThat(passed.toByteArray()).as("passed through, pieces of %d", piece).isEqualTo(copy);
      assertThat(stream.digest().rows()).isEqualTo(300);
      assertThat(stream.digest().checksum()).as("pieces of %d", piece).isEqualTo(reference.checksum());
    }
  }
}
