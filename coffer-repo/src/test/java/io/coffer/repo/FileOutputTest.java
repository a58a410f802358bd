package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restored file's writer: every byte in order across the writeback it starts every 8 MiB. */
class FileOutputTest {

  @TempDir Path dir;

  @Test
  void writesArraysAndDirectBuffers_inOrder_acrossTheWritebackBoundaries() throws Exception {
    byte[] expected = new byte[(int) (2 * FileOutput.WRITEBACK_EVERY + 12_345)];
    new Random(7).nextBytes(expected);
    Path file = dir.resolve("restored");
    try (FileOutput out = new FileOutput(file)) {
      int at = 0;
      int piece = 1_000_003;
      boolean direct = false;
      while (at < expected.length) {
        int n = Math.min(piece, expected.length - at);
        if (direct) {
          ByteBuffer b = ByteBuffer.allocateDirect(n + 10);
          b.position(10);
          b.put(expected, at, n);
          out.write(b, 10, n);
        } else {
          out.write(expected, at, n);
        }
        at += n;
        direct = !direct;
      }
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(expected);
  }

  @Test
  void aFileThatExists_isNotOpened() throws Exception {
    Path file = Files.writeString(dir.resolve("there"), "kept");
    assertThatThrownBy(() -> new FileOutput(file)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(file).hasContent("kept");
  }
}
