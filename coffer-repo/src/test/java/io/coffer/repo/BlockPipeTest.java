package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockPipeTest {

  @Test
  void bytesWrittenInAnySizes_arriveInOrder_acrossThreads() throws Exception {
    byte[] data = new byte[3_000_000];
    new Random(7).nextBytes(data);
    BlockPipe pipe = new BlockPipe(64 * 1024, 3);

    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      Random sizes = new Random(11);
      try (OutputStream out = pipe.output()) {
        int at = 0;
        while (at < data.length) {
          int n = Math.min(data.length - at, sizes.nextInt(200_000));
          if (n == 1) {
            out.write(data[at]);
          } else {
            out.write(data, at, n);
          }
          at += n;
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (InputStream in = pipe.input()) {
      byte[] buffer = new byte[7919];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
    writer.get(10, TimeUnit.SECONDS);

    assertThat(received.toByteArray()).isEqualTo(data);
  }

  @Test
  void flush_handsOverAPartialBlock_withoutWaitingForMore() throws Exception {
    BlockPipe pipe = new BlockPipe(1 << 20, 2);
    OutputStream out = pipe.output();
    out.write(new byte[] {1, 2, 3});
    out.flush();

    byte[] got = new byte[10];
    int n = CompletableFuture.supplyAsync(() -> {
      try {
        return pipe.input().read(got);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(5, TimeUnit.SECONDS);

    assertThat(n).isEqualTo(3);
    assertThat(got).startsWith(1, 2, 3);
  }

  @Test
  void aReaderThatGivesUp_makesTheBlockedWriterFail_insteadOfHanging() throws Exception {
    BlockPipe pipe = new BlockPipe(1024, 1);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try (OutputStream out = pipe.output()) {
        for (int i = 0; i < 100; i++) {
          out.write(new byte[1024]);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    InputStream in = pipe.input();
    assertThat(in.read(new byte[10])).isEqualTo(10);

    in.close();

    assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IOException.class)
        .rootCause().hasMessage("pipe closed by its reader");
    assertThatThrownBy(() -> in.read()).hasMessage("pipe closed by its reader");
  }
}
