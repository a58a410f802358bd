package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.source.ContentDigest;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyDigestStreamTest {

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
      CopyDigestStream stream = new TextCopyDigestStream(passed);
      for (int i = 0; i < copy.length; i += piece) {
        stream.write(copy, i, Math.min(piece, copy.length - i));
      }
      assertThat(passed.toByteArray()).as("passed through, pieces of %d", piece).isEqualTo(copy);
      assertThat(stream.digest().rows()).isEqualTo(300);
      assertThat(stream.digest().checksum()).as("pieces of %d", piece).isEqualTo(reference.checksum());
    }
  }
}
