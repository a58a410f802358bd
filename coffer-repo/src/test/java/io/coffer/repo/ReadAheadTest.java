package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.tree.NativeFiles;
import io.coffer.repo.tree.TreeListener;
import io.coffer.repo.tree.TreeOptions;
import io.coffer.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a tree ahead of its walk: the walk's order, what it leaves out, and never too far ahead. */
class ReadAheadTest {

  @TempDir Path dir;

  @Test
  void fullBackupsReadAhead_whereTheCLibraryIsBound() {
    // Without the binding every full backup in these tests would walk without read-ahead.
    assertThat(NativeFiles.available()).isTrue();
  }

  @Test
  void advisesTheRegularFilesInTheWalksOrder_leavingOutWhatTheWalkLeavesOut() throws Exception {
    Files.createDirectories(dir.resolve("b/inner"));
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("skipped"));
    for (String f : new String[] {"z", "b/inner/y", "b/x", "a/2", "a/10", "skipped/w", "empty"}) {
      Files.writeString(dir.resolve(f), f.equals("empty") ? "" : "content of " + f);
    }
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("z"));
    new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor(5, TimeUnit.SECONDS);
    List<String> advised = new CopyOnWriteArrayList<>();

    ReadAhead ahead = ReadAhead.start(dir, path -> path.equals("skipped"),
        (p, bytes) -> advised.add(dir.relativize(p) + ":" + bytes));
    Await.until("the read-ahead at the tree's end", () -> !ahead.running());

    // Names sorted as the walk sorts them; the empty file counted but not advised.
    List<String> expected = new ArrayList<>();
    for (String f : new String[] {"a/10", "a/2", "b/inner/y", "b/x", "z"}) {
      expected.add(f + ":" + Files.size(dir.resolve(f)));
    }
    assertThat(advised).containsExactlyElementsOf(expected);
    assertThat(ahead.advised()).isEqualTo(6);
  }

  @Test
  void staysAWindowAheadOfTheWalk_andFollowsIt() throws Exception {
    int total = ReadAhead.WINDOW_FILES * 3;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      files.add(Files.writeString(dir.resolve(String.format("f%05d", i)), "x"));
    }
    ReadAhead ahead = ReadAhead.start(dir, path -> false, (p, bytes) -> { });
    try {
      Await.until("the read-ahead waiting for the walk", () -> ahead.looks() > 0);
      assertThat(ahead.advised()).as("no further than the window").isEqualTo(ReadAhead.WINDOW_FILES);

      for (int i = 0; i < ReadAhead.WINDOW_FILES / 2 - 1; i++) {
        ahead.walked(1);
      }
      long looked = ahead.looks();
      Await.until("the read-ahead looking at the walk again", () -> ahead.looks() > looked + 1);
      assertThat(ahead.advised()).as("waits for half the window").isEqualTo(ReadAhead.WINDOW_FILES);
      ahead.walked(1);
      Await.until("the next half window advised", () -> ahead.advised() == ReadAhead.WINDOW_FILES * 3 / 2);

      for (int i = ReadAhead.WINDOW_FILES / 2; i < total; i++) {
        ahead.walked(1);
      }
      Await.until("the read-ahead at the tree's end", () -> !ahead.running());
      assertThat(ahead.advised()).isEqualTo(total);
    } finally {
      ahead.close();
    }
  }

  @Test
  void aBackupOfLargeFilesStaysWithinTheBytesWindow() throws Exception {
    long per = ReadAhead.PER_FILE;
    int count = (int) (ReadAhead.WINDOW_BYTES / per) * 2;
    for (int i = 0; i < count; i++) {
      try (var f = new java.io.RandomAccessFile(dir.resolve("big" + i).toFile(), "rw")) {
        f.setLength(per * 4); // holes: large without writing
      }
    }
    List<Long> sizes = new CopyOnWriteArrayList<>();
    ReadAhead ahead = ReadAhead.start(dir, path -> false, (p, bytes) -> sizes.add(bytes));
    try {
      Await.until("the read-ahead waiting for the walk", () -> ahead.looks() > 0);
      assertThat(ahead.advised()).isEqualTo(ReadAhead.WINDOW_BYTES / per);
      assertThat(sizes).allMatch(b -> b == per);
    } finally {
      ahead.close();
    }
  }

  @Test
  void closingStopsAThreadThatWaitsForTheWalk() throws Exception {
    for (int i = 0; i < ReadAhead.WINDOW_FILES + 10; i++) {
      Files.writeString(dir.resolve("f" + i), "x");
    }
    ReadAhead ahead = ReadAhead.start(dir, path -> false, (p, bytes) -> { });
    Await.until("the read-ahead waiting for the walk", () -> ahead.looks() > 0);
    ahead.close();
    Await.until("the read-ahead stopped by its closing", () -> !ahead.running());
    assertThat(ahead.advised()).isEqualTo(ReadAhead.WINDOW_FILES);
  }

  /**
   * A full backup tells its read-ahead each file it passes (TreeWriter calls {@code walked}): so the
   * read-ahead follows the walk to the tree's end and its thread ends before the backup does. Told
   * nothing, it would wait a window ahead until the backup closed it.
   */
  @Test
  void aFullBackupsWalkLetsItsReadAheadFollowToTheEnd() throws Exception {
    int total = ReadAhead.WINDOW_FILES * 3;
    Path tree = Files.createDirectories(dir.resolve("tree"));
    for (int i = 0; i < total; i++) {
      Files.writeString(tree.resolve(String.format("f%05d", i)), "file " + i);
    }
    Set<Thread> before = readAheads();
    AtomicBoolean reachedTheLastFile = new AtomicBoolean();
    TreeListener atTheLastFile = new TreeListener() {
      @Override
      public void stored(String path, long bytes, boolean reused) throws IOException {
        if (path.equals(String.format("f%05d", total - 1))) {
          reachedTheLastFile.set(true);
          try {
            Await.until("the read-ahead's thread to end before the backup's walk does", () -> {
              Set<Thread> now = readAheads();
              now.removeAll(before);
              return now.isEmpty();
            });
          } catch (Exception e) {
            throw new IOException(e);
          }
        }
      }
    };
    Volume volume = TestData.init(new MemoryBackend(), TestData.smallVolume(), "ReadAheadTest");
    try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
      w.putTree("data", tree, new TreeOptions(null, false, atTheLastFile));
      w.commit();
    } finally {
      volume.close();
    }
    assertThat(reachedTheLastFile).isTrue();
  }

  private static Set<Thread> readAheads() {
    Set<Thread> threads = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("coffer-read-ahead") && t.isAlive()) {
        threads.add(t);
      }
    }
    return threads;
  }
}
