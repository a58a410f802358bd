package io.coffer.repo.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest extends BackendConformance {

  @TempDir Path temp;

  private Path root;

  @Override
  protected Backend newBackend() {
    root = temp.resolve("volume");
    return new LocalBackend(root);
  }

  private LocalBackend local() {
    return (LocalBackend) backend;
  }

  @Test
  void save_createsTheFileAtItsPath_andLeavesNoTemporaryFile() throws Exception {
    Handle pack = new Handle(FileType.PACK, "ab" + name().substring(2));

    backend.save(pack, bytes(123));

    assertThat(root.resolve("data/ab/" + pack.name())).isRegularFile().hasSize(123);
    try (Stream<Path> files = Files.list(root.resolve("data/ab"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void willNeed_isOnlyAdvice_forARange_pastTheEnd_orAMissingFile() throws Exception {
    Handle pack = new Handle(FileType.PACK, "ef" + name().substring(2));
    byte[] data = bytes(10_000);
    backend.save(pack, data);

    backend.willNeed(pack, 0, 10_000);
    backend.willNeed(pack, 5_000, 1 << 20);
    backend.willNeed(new Handle(FileType.PACK, "ee" + name().substring(2)), 0, 1);

    assertThat(backend.load(pack)).isEqualTo(data);
    assertThat(root.resolve("data/ee")).doesNotExist();
  }

  @Test
  void leftoverTemporaryFiles_areNotListed_andRemoveTemporaryFilesDeletesThem() throws Exception {
    Handle pack = new Handle(FileType.PACK, "cd" + name().substring(2));
    Handle index = new Handle(FileType.INDEX, name());
    backend.save(pack, bytes(10));
    backend.save(index, bytes(20));
    Path packLeftover = root.resolve("data/cd/" + pack.name() + ".tmp-1f2e3d4c5b6a7988");
    Path indexLeftover = root.resolve("index/" + name() + ".tmp-0123456789abcdef");
    Path configLeftover = root.resolve("config.tmp-00000000000000aa");
    Files.write(packLeftover, bytes(5));
    Files.write(indexLeftover, bytes(5));
    Files.write(configLeftover, bytes(5));

    assertThat(backend.list(FileType.PACK)).containsExactly(new FileInfo(pack, 10));
    assertThat(backend.list(FileType.INDEX)).containsExactly(new FileInfo(index, 20));
    assertThat(backend.list(FileType.CONFIG)).isEmpty();

    assertThat(local().removeTemporaryFiles()).isEqualTo(3);

    assertThat(packLeftover).doesNotExist();
    assertThat(indexLeftover).doesNotExist();
    assertThat(configLeftover).doesNotExist();
    assertThat(backend.load(pack)).hasSize(10);
    assertThat(backend.load(index)).hasSize(20);
    assertThat(local().removeTemporaryFiles()).isZero();
  }

  @Test
  void list_skipsFoldersAndStrayFiles() throws Exception {
    Handle lock = new Handle(FileType.LOCK, name());
    backend.save(lock, bytes(7));
    Files.createDirectories(root.resolve("locks/some-folder"));
    Files.write(root.resolve("locks/.hidden"), bytes(1));
    // A pack in the wrong xx/ folder cannot be found by its handle, so it is not listed as one.
    Files.createDirectories(root.resolve("data/00"));
    Files.write(root.resolve("data/00/ff" + name().substring(2)), bytes(1));
    Files.write(root.resolve("data/loose"), bytes(1));

    assertThat(backend.list(FileType.LOCK)).containsExactly(new FileInfo(lock, 7));
    assertThat(backend.list(FileType.PACK)).isEmpty();
  }

  @Test
  void save_load_andLoadRange_ofAFileOfManySlices_holdOneSliceOfDirectMemory_andKeepEveryByte() throws Exception {
    Handle pack = pack();
    byte[] data = bytes(8 * LocalBackend.SLICE + 5);
    byte[][] loaded = new byte[2][];

    assertThat(directMemoryGrowth(() -> backend.save(pack, data))).isLessThanOrEqualTo(LocalBackend.SLICE);
    assertThat(directMemoryGrowth(() -> loaded[0] = backend.load(pack))).isLessThanOrEqualTo(LocalBackend.SLICE);
    assertThat(directMemoryGrowth(() -> loaded[1] = backend.loadRange(pack, 3, 4 * LocalBackend.SLICE)))
        .isLessThanOrEqualTo(LocalBackend.SLICE);
    assertThat(loaded[0]).isEqualTo(data);
    assertThat(loaded[1]).isEqualTo(java.util.Arrays.copyOfRange(data, 3, 3 + 4 * LocalBackend.SLICE));
  }

  @FunctionalInterface
  private interface Io {
    void run() throws Exception;
  }

  /**
   * The direct memory {@code io} took, run on a thread of its own as a backup's upload threads and a
   * restore's readers are: it starts with no temporary buffer cached, and its buffer is counted
   * while it still lives.
   */
  private static long directMemoryGrowth(Io io) throws Exception {
    BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .findFirst()
        .orElseThrow();
    AtomicLong grew = new AtomicLong(-1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        long before = direct.getMemoryUsed();
        io.run();
        grew.set(direct.getMemoryUsed() - before);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    thread.start();
    thread.join();
    assertThat(failure.get()).isNull();
    assertThat(grew.get()).as("a temporary direct buffer was used").isPositive();
    return grew.get();
  }

  @Test
  void location_isTheRootPath() {
    assertThat(backend.location()).isEqualTo(root.toAbsolutePath().toString());
  }
}
