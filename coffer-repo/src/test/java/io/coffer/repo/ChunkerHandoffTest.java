package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.FaultyBackend;
import io.coffer.repo.backend.MemoryBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pushed streams ({@link BackupWriter#openStream}) whose chunking runs on a thread of their own. */
class ChunkerHandoffTest {

  @Test
  void manyStreamsOpenAtOnce_fedByOneThread_allRoundTrip() throws Exception {
    // More streams than any fixed pool of chunker threads would have: with one, the writer blocked
    // on a full pipe whose chunker never started.
    int streams = 3 * Runtime.getRuntime().availableProcessors() + 4;
    byte[][] data = new byte[streams][];
    try (Volume v = TestData.init(new MemoryBackend(), TestData.smallVolume(), "ChunkerHandoffTest.manyStreams")) {
      BackupSummary s;
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        List<OutputStream> outs = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
          data[i] = TestData.dumpLike(100 + i, 3 * ChunkerHandoff.BLOCK * ChunkerHandoff.BLOCKS / 2 + i);
          outs.add(w.openStream("s" + i));
        }
        int step = 10_000;
        for (int at = 0; at < data[streams - 1].length; at += step) {
          for (int i = 0; i < streams; i++) {
            if (at < data[i].length) {
              outs.get(i).write(data[i], at, Math.min(step, data[i].length - at));
            }
          }
        }
        for (OutputStream out : outs) {
          out.close();
        }
        s = w.commit();
      }
      for (int i = 0; i < streams; i++) {
        assertThat(v.manifest(s.id()).entry("s" + i).size()).isEqualTo(data[i].length);
        try (var in = v.reader().open(s.id(), "s" + i)) {
          assertThat(in.readAllBytes()).isEqualTo(data[i]);
        }
      }
    }
  }

  @Test
  void aFailingBackend_failsTheWriter_withTheBackendsError_andCloseAddsNoSelfSuppression() throws Exception {
    // Room for the volume's config and keys, not for a 20 MB stream's packs.
    FaultyBackend backend = new FaultyBackend(new MemoryBackend()).failSavesAfter(200_000);
    try (Volume v = TestData.init(backend, TestData.smallVolume(), "ChunkerHandoffTest.failingBackend");
        BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
      byte[] data = TestData.dumpLike(7, 20_000_000);
      assertThatThrownBy(() -> {
            try (OutputStream out = w.openStream("big")) {
              for (int at = 0; at < data.length; at += 65536) {
                out.write(data, at, Math.min(65536, data.length - at));
              }
            }
            w.commit();
          })
          .isInstanceOf(IOException.class)
          .hasMessageContaining("No space left on device")
          .satisfies(e -> assertThat(e.getSuppressed()).allSatisfy(s -> assertThat(s).hasCause(e)));
    }
  }

  @Test
  void aStreamNeverClosed_doesNotKeepTheWriterFromClosing() throws Exception {
    try (Volume v = TestData.init(new MemoryBackend(), TestData.smallVolume(), "ChunkerHandoffTest.neverClosed")) {
      BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE);
      OutputStream out = w.openStream("abandoned");
      out.write(TestData.dumpLike(8, 100_000));
      long started = System.nanoTime();
      w.close();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      assertThat(v.backups()).isEmpty();
    }
  }
}
