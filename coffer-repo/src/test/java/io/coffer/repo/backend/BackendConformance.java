package io.coffer.repo.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of {@link Backend}, run against every implementation: a backend's test extends this
 * class and says how to make a fresh, empty volume. Other modules reuse it through the test-jar.
 */
public abstract class BackendConformance {

  private static final int MIB = 1024 * 1024;

  /** A new backend on an empty volume; closed after each test. */
  protected abstract Backend newBackend() throws Exception;

  protected Backend backend;

  private final Random random = new Random(42);

  @BeforeEach
  void openBackend() throws Exception {
    backend = newBackend();
  }

  @AfterEach
  void closeBackend() throws Exception {
    backend.close();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 1000, 3 * MIB + 7})
  void save_thenLoad_returnsTheSameBytes(int size) throws Exception {
    Handle handle = pack();
    byte[] data = bytes(size);

    backend.save(handle, data);

    assertThat(backend.load(handle)).isEqualTo(data);
    assertThat(backend.stat(handle)).isEqualTo(size);
  }

  @Test
  void loadRange_readsAtStartMiddleAndEnd() throws Exception {
    Handle handle = pack();
    byte[] data = bytes(10_000);
    backend.save(handle, data);

    assertThat(backend.loadRange(handle, 0, 100)).isEqualTo(slice(data, 0, 100));
    assertThat(backend.loadRange(handle, 4321, 1234)).isEqualTo(slice(data, 4321, 5555));
    assertThat(backend.loadRange(handle, 9_990, 10)).isEqualTo(slice(data, 9_990, 10_000));
    assertThat(backend.loadRange(handle, 0, 10_000)).isEqualTo(data);
    assertThat(backend.loadRange(handle, 10_000, 0)).isEmpty();
  }

  @Test
  void loadRangeIntoAReusedArray_fillsItsStart_andLeavesTheRest() throws Exception {
    Handle handle = pack();
    byte[] data = bytes(10_000);
    backend.save(handle, data);
    byte[] into = new byte[6000];
    java.util.Arrays.fill(into, (byte) 7);

    backend.loadRange(handle, 4321, 1234, into);
    assertThat(slice(into, 0, 1234)).isEqualTo(slice(data, 4321, 5555));
    assertThat(into[1234]).isEqualTo((byte) 7);
    backend.loadRange(handle, 0, 100, into);
    assertThat(slice(into, 0, 100)).isEqualTo(slice(data, 0, 100));
    assertThat(slice(into, 100, 1234)).isEqualTo(slice(data, 4421, 5555));
    assertThatThrownBy(() -> backend.loadRange(handle, 9_990, 11, into)).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> backend.loadRange(pack(), 0, 1, into)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void loadRange_pastTheEnd_failsWithEof() throws Exception {
    Handle handle = pack();
    backend.save(handle, bytes(1000));

    assertThatThrownBy(() -> backend.loadRange(handle, 990, 11)).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> backend.loadRange(handle, 1000, 1)).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> backend.loadRange(handle, 5000, 10)).isInstanceOf(EOFException.class);
  }

  @Test
  void missingFile_failsWithNoSuchFile() {
    Handle handle = pack();

    assertThatThrownBy(() -> backend.load(handle)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> backend.loadRange(handle, 0, 1))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> backend.stat(handle)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void remove_deletesTheFile_andAMissingFileIsFine() throws Exception {
    Handle handle = new Handle(FileType.LOCK, name());
    backend.save(handle, bytes(10));

    backend.remove(handle);

    assertThatThrownBy(() -> backend.load(handle)).isInstanceOf(NoSuchFileException.class);
    assertThat(backend.list(FileType.LOCK)).isEmpty();
    assertThatCode(() -> backend.remove(handle)).doesNotThrowAnyException();
  }

  @Test
  void save_overExistingFile_replacesIt() throws Exception {
    Handle handle = new Handle(FileType.INDEX, name());
    backend.save(handle, bytes(5000));
    byte[] second = bytes(300);

    backend.save(handle, second);

    assertThat(backend.load(handle)).isEqualTo(second);
    assertThat(backend.list(FileType.INDEX)).containsExactly(new FileInfo(handle, 300));
  }

  @ParameterizedTest
  @EnumSource(FileType.class)
  void list_ofEmptyVolume_isEmpty(FileType type) throws Exception {
    assertThat(backend.list(type)).isEmpty();
  }

  @Test
  void list_returnsExactlyTheSavedFilesOfEachType_withTheirSizes() throws Exception {
    List<FileInfo> expected = new ArrayList<>();
    // Packs spread over several data/xx folders, two of them sharing one.
    for (String first : List.of("00", "7f", "7f", "ab", "ff")) {
      Handle pack = new Handle(FileType.PACK, first + name().substring(2));
      expected.add(saved(pack, 100 + expected.size()));
    }
    FileInfo index = saved(new Handle(FileType.INDEX, name()), 11);
    FileInfo backup = saved(new Handle(FileType.BACKUP, name()), 12);
    FileInfo key = saved(new Handle(FileType.KEY, name()), 13);
    FileInfo lock = saved(new Handle(FileType.LOCK, name()), 14);
    FileInfo config = saved(Handle.CONFIG, 15);

    assertThat(backend.list(FileType.PACK)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(backend.list(FileType.INDEX)).containsExactly(index);
    assertThat(backend.list(FileType.BACKUP)).containsExactly(backup);
    assertThat(backend.list(FileType.KEY)).containsExactly(key);
    assertThat(backend.list(FileType.LOCK)).containsExactly(lock);
    assertThat(backend.list(FileType.CONFIG)).containsExactly(config);
  }

  @Test
  void save_from8ThreadsAtOnce_allFilesLand() throws Exception {
    int threads = 8;
    int filesPerThread = 16;
    List<Callable<List<FileInfo>>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<Handle> handles = new ArrayList<>();
      for (int i = 0; i < filesPerThread; i++) {
        handles.add(pack());
      }
      writers.add(() -> {
        List<FileInfo> saved = new ArrayList<>();
        for (Handle handle : handles) {
          byte[] data = content(handle);
          backend.save(handle, data);
          saved.add(new FileInfo(handle, data.length));
        }
        return saved;
      });
    }

    List<FileInfo> expected = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (Future<List<FileInfo>> result : pool.invokeAll(writers)) {
        expected.addAll(result.get());
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(backend.list(FileType.PACK)).containsExactlyInAnyOrderElementsOf(expected);
    for (FileInfo file : expected) {
      assertThat(backend.load(file.handle())).isEqualTo(content(file.handle()));
    }
  }

  @Test
  void exists_isTrueOnlyOnceTheConfigIsSaved() throws Exception {
    assertThat(backend.exists()).isFalse();
    backend.save(new Handle(FileType.KEY, name()), bytes(10));
    assertThat(backend.exists()).isFalse();

    backend.save(Handle.CONFIG, bytes(200));

    assertThat(backend.exists()).isTrue();
    assertThat(backend.stat(Handle.CONFIG)).isEqualTo(200);
  }

  @Test
  void location_isNotBlank() {
    assertThat(backend.location()).isNotBlank();
  }

  /** A pack handle with a fresh random name, as packs are named by a SHA-256. */
  protected Handle pack() {
    return new Handle(FileType.PACK, name());
  }

  /** 64 random hex digits. */
  protected synchronized String name() {
    byte[] id = new byte[32];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  protected synchronized byte[] bytes(int size) {
    byte[] data = new byte[size];
    random.nextBytes(data);
    return data;
  }

  private static byte[] slice(byte[] data, int from, int to) {
    return Arrays.copyOfRange(data, from, to);
  }

  private FileInfo saved(Handle handle, int size) throws Exception {
    backend.save(handle, bytes(size));
    return new FileInfo(handle, size);
  }

  /** Content derived from the name, so that a file mixed up with another shows. */
  private static byte[] content(Handle handle) {
    byte[] data = new byte[100 + (handle.name().hashCode() & 0x3ff)];
    new Random(handle.name().hashCode()).nextBytes(data);
    return data;
  }
}
