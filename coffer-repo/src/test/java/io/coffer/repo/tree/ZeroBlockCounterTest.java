package io.coffer.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Zero blocks are counted at 4 KiB alignment of the stream, however the reads fall. */
class ZeroBlockCounterTest {

  @Test
  void countsTheAlignedZeroBlocks_whateverTheReadSizes() throws IOException {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      int blocks = 1 + random.nextInt(40);
      byte[] data = new byte[blocks * SparseFiles.BLOCK + random.nextInt(SparseFiles.BLOCK)];
      long expected = 0;
      for (int b = 0; b < blocks; b++) {
        if (random.nextBoolean()) {
          expected++;
        } else {
          // one non-zero byte anywhere in the block, its first and last included
          int at = switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> SparseFiles.BLOCK - 1;
            default -> random.nextInt(SparseFiles.BLOCK);
          };
          data[b * SparseFiles.BLOCK + at] = (byte) (1 + random.nextInt(255));
        }
      }
      SparseFiles.ZeroBlockCounter counter = new SparseFiles.ZeroBlockCounter(new ByteArrayInputStream(data));
      readInPieces(counter, random);

      assertThat(counter.zeroBlocks()).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void aZeroTailShorterThanABlock_isNotABlock() throws IOException {
    SparseFiles.ZeroBlockCounter counter = new SparseFiles.ZeroBlockCounter(
        new ByteArrayInputStream(new byte[SparseFiles.BLOCK - 1]));
    counter.readAllBytes();
    assertThat(counter.zeroBlocks()).isZero();
  }

  private static void readInPieces(InputStream in, Random random) throws IOException {
    byte[] buffer = new byte[3 * SparseFiles.BLOCK + 17];
    while (true) {
      int off = random.nextInt(17);
      int len = 1 + random.nextInt(buffer.length - off);
      if (in.read(buffer, off, len) < 0) {
        return;
      }
    }
  }
}
