package io.coffer.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

  @Test
  void drawsOneBarPerPhase_fromManyThreads() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressListener p = TerminalProgress.on(Optional.of(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    p.start("read sales.sql", 8L << 20, "bytes");
    IntStream.range(0, 8).parallel().forEach(i -> p.advance(1 << 20));
    p.done();
    p.start("repack", 3, "packs");
    p.advance(3);
    p.done();
    String drawn = bytes.toString(StandardCharsets.UTF_8);
    assertThat(drawn).contains("read sales.sql").contains("100%").contains("8/8 MiB").contains("repack").contains("3/3 packs");
  }

  @Test
  void withoutATerminal_nothingIsDrawn() {
    assertThat(TerminalProgress.on(Optional.empty())).isSameAs(ProgressListener.NONE);
  }

  @Test
  void advanceBeforeStart_isIgnored() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressListener p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    p.advance(10);
    p.done();
    assertThat(bytes.size()).isZero();
  }
}
