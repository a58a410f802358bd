package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.FileInfo;
import io.coffer.repo.backend.FileType;
import io.coffer.repo.backend.Handle;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.crypto.MasterKey;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.pack.PackReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Runs for every volume format: each reads and writes its own. */
@ParameterizedClass(name = "format {0}")
@EnumSource(VolumeFormat.class)
class VolumeRoundTripTest {

  @Parameter VolumeFormat format;

  private VolumeOptions smallVolume() {
    return TestData.smallVolume().withFormat(format);
  }

  @TempDir Path tmp;

  @Test
  void put_thenCat_returnsTheSameBytes() throws Exception {
    Backend backend = new MemoryBackend();
    byte[] data = TestData.dumpLike(1, 5_000_000);
    try (Volume v = TestData.init(backend, smallVolume(), "VolumeRoundTripTest.put_thenCat_returnsTheSameBytes")) {
      BackupSummary s = put(v, "dump.sql", data);
      assertThat(s.stats().bytesRead()).isEqualTo(data.length);
      assertThat(s.stats().bytesNew()).isEqualTo(data.length);
      assertThat(s.stats().bytesStored()).isLessThan(data.length);
    }
    try (Volume v = Volume.open(backend, TestData.PASSPHRASE)) {
      String id = v.backups().get(0).id();
      assertThat(cat(v, id, "dump.sql")).isEqualTo(data);
    }
  }

  @Test
  void putSameData_storesNothingNew() throws Exception {
    try (Volume v = TestData.init(new MemoryBackend(), smallVolume(), "VolumeRoundTripTest.putSameData_storesNothingNew")) {
      byte[] data = TestData.dumpLike(2, 3_000_000);
      put(v, "a", data);
      BackupSummary again = put(v, "a", data);
      assertThat(again.stats().bytesNew()).isZero();
      assertThat(again.stats().newBlobs()).isZero();
    }
  }

  @Test
  void smallChange_storesLittle() throws Exception {
    try (Volume v = TestData.init(new MemoryBackend(), smallVolume(), "VolumeRoundTripTest.smallChange_storesLittle")) {
      byte[] data = TestData.dumpLike(3, 4_000_000);
      put(v, "a", data);
      byte[] changed = data.clone();
      for (int i = 0; i < 10; i++) {
        changed[i * 400_000 + 17] ^= 0x55;
      }
      BackupSummary s = put(v, "a", changed);
      assertThat(s.stats().bytesNew()).isLessThan(data.length / 20);
      assertThat(cat(v, s.id(), "a")).isEqualTo(changed);
    }
  }

  @Test
  void insertionInTheMiddle_storesOnlyTheIdListsAroundIt() throws Exception {
    // A fixed key, not one from the run's seed: where id lists end depends on the id key, and this
    // test counts them (random keys gave 6 to 16 lists over 60 runs; this one gives 12).
    MasterKey key = new MasterKey(fill(32, 1), fill(32, 2));
    try (Volume v = Volume.init(new MemoryBackend(), smallVolume(), TestData.PASSPHRASE, key)) {
      byte[] data = TestData.dumpLike(5, 16_000_000);
      BackupSummary first = put(v, "a", data);
      byte[] changed = new byte[data.length + 300];
      System.arraycopy(data, 0, changed, 0, data.length / 2);
      System.arraycopy(data, data.length / 2, changed, data.length / 2 + 300, data.length - data.length / 2);
      BackupSummary second = put(v, "a", changed);

      java.util.List<String> before = v.manifest(first.id()).entry("a").content().lists();
      java.util.List<String> after = v.manifest(second.id()).entry("a").content().lists();
      // ~3,500 chunks in lists of 64 + ~256 ids: the chunk count changes, yet only the list holding
      // the insertion (and perhaps a neighbour) is new; with fixed-size lists all after it would be.
      assertThat(before).hasSizeGreaterThan(8);
      assertThat(after.stream().filter(l -> !before.contains(l)).count()).isBetween(1L, 2L);
      assertThat(cat(v, second.id(), "a")).isEqualTo(changed);
    }
  }

  @Test
  void emptyAndLargeStreams_roundTrip_throughOpenStream() throws Exception {
    try (Volume v = TestData.init(new MemoryBackend(), smallVolume(), "VolumeRoundTripTest.emptyAndLargeStreams_roundTrip_throughOpenStream")) {
      byte[] big = TestData.dumpLike(4, 12_000_000);
      BackupSummary s;
      try (BackupWriter w = v.newBackup(Map.of("k", "v"), ProgressListener.NONE)) {
        w.putStream("empty", new ByteArrayInputStream(new byte[0]));
        try (OutputStream out = w.openStream("big")) {
          for (int i = 0; i < big.length; i += 7777) {
            out.write(big, i, Math.min(7777, big.length - i));
          }
        }
        s = w.commit();
      }
      assertThat(cat(v, s.id(), "empty")).isEmpty();
      assertThat(cat(v, s.id(), "big")).isEqualTo(big);
      assertThat(v.manifest(s.id()).entry("big").content().isInline()).isFalse();
      assertThat(v.manifest(s.id()).tags()).containsEntry("k", "v");
      try (var in = v.reader().open(s.id(), "big")) {
        assertThat(in.readAllBytes()).isEqualTo(big);
      }
    }
  }

  @Test
  void contentDigest_isEqualForEqualBytes_pushedOrPulled_andNotAcrossVolumes() throws Exception {
    byte[] big = TestData.dumpLike(11, 3_000_000);
    byte[] changed = big.clone();
    changed[big.length / 2] ^= 0x01;
    byte[] small = "one row\n".getBytes(StandardCharsets.UTF_8);
    Map<String, String> digests = new java.util.HashMap<>();
    String purpose = "VolumeRoundTripTest.contentDigest_isEqualForEqualBytes";
    try (Volume v = TestData.init(new MemoryBackend(), smallVolume(), purpose)) {
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        ChunkerHandoff pushed = w.openStream("pushed");
        assertThatThrownBy(pushed::entry).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        for (int i = 0; i < big.length; i += 10_000) {
          pushed.write(big, i, Math.min(10_000, big.length - i));
        }
        pushed.close();
        digests.put("pushed", pushed.entry().contentDigest());
        digests.put("pulled", w.putStream("pulled", new ByteArrayInputStream(big)).contentDigest());
        digests.put("changed", w.putStream("changed", new ByteArrayInputStream(changed)).contentDigest());
        Entry tiny = w.putStream("small", new ByteArrayInputStream(small));
        digests.put("small", tiny.contentDigest());
        // The definition in docs/repository-format.md, for an inline stream.
        assertThat(tiny.content().isInline()).isTrue();
        assertThat(tiny.contentDigest()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
            ("coffer-content\n" + small.length + "\nids\n" + String.join("\n", tiny.content().ids()) + "\n")
                .getBytes(StandardCharsets.US_ASCII))));
        w.commit();
      }
    }
    try (Volume other = TestData.init(new MemoryBackend(), smallVolume(), purpose + " in another volume");
        BackupWriter w = other.newBackup(Map.of(), ProgressListener.NONE)) {
      digests.put("elsewhere", w.putStream("pulled", new ByteArrayInputStream(big)).contentDigest());
    }

    assertThat(digests.remove("pushed")).matches("[0-9a-f]{64}").isEqualTo(digests.get("pulled"));
    assertThat(digests).hasSize(4);
    assertThat(digests.values()).as("one changed byte, other bytes, other keys").doesNotHaveDuplicates();
  }

  @Test
  void openStream_overADamagedPack_failsAtTheEnd_insteadOfEndingShort() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    BackupSummary s;
    try (Volume v = TestData.init(backend, smallVolume(), "VolumeRoundTripTest.openStream_overADamagedPack_failsAtTheEnd_insteadOfEndingShort")) {
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("big", new ByteArrayInputStream(TestData.dumpLike(6, 3_000_000)));
        s = w.commit();
      }
    }
    FileInfo pack = backend.list(FileType.PACK).stream().max((a, b) -> Long.compare(a.size(), b.size())).orElseThrow();
    byte[] bytes = backend.load(pack.handle());
    bytes[100] ^= 0x01;
    backend.save(pack.handle(), bytes);

    try (Volume v = Volume.open(backend, TestData.PASSPHRASE); var in = v.reader().open(s.id(), "big")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("reading stream big from the volume failed: ")
          .hasCauseInstanceOf(CorruptDataException.class);
    }
  }

  @Test
  void openStream_refusesABlobThatDoesNotMatchItsId_atTheEnd() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    BackupSummary s;
    // Unencrypted and uncompressed, so a flipped byte reaches the blob id check, not GCM or zstd.
    VolumeOptions plain = smallVolume().withEncryption(false).withCompression(0);
    try (Volume v = TestData.init(backend, plain, "VolumeRoundTripTest.openStream_refusesABlobThatDoesNotMatchItsId")) {
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putStream("big", new ByteArrayInputStream(TestData.dumpLike(9, 3_000_000)));
        s = w.commit();
      }
    }
    FileInfo pack = backend.list(FileType.PACK).stream().max((a, b) -> Long.compare(a.size(), b.size())).orElseThrow();
    byte[] bytes = backend.load(pack.handle());
    bytes[1000] ^= 0x01;
    backend.save(pack.handle(), bytes);

    try (Volume v = Volume.open(backend, null); var in = v.reader().open(s.id(), "big")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("reading stream big from the volume failed: ")
          .cause().isInstanceOf(CorruptDataException.class).hasMessageContaining("does not match its id");
    }
  }

  @Test
  void treeRestore_refusesASmallFileWhoseBlobDoesNotMatchItsId() throws Exception {
    // A file of one segment's worth is read on the writer's own thread, not a reading worker's: the
    // same check must stop it.
    MemoryBackend backend = new MemoryBackend();
    Path src = Files.createDirectories(tmp.resolve("src"));
    byte[] text = "a small file read in one run, ".repeat(40).getBytes(StandardCharsets.UTF_8);
    Files.write(src.resolve("small.txt"), text);
    BackupSummary s;
    VolumeOptions plain = smallVolume().withEncryption(false).withCompression(0).withTreeCompression(0);
    try (Volume v = TestData.init(backend, plain, "VolumeRoundTripTest.treeRestore_refusesASmallFile")) {
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putTree("files", src);
        s = w.commit();
      }
    }
    int damaged = 0;
    for (FileInfo pack : backend.list(FileType.PACK)) {
      byte[] bytes = backend.load(pack.handle());
      int at = indexOf(bytes, text);
      if (at >= 0) {
        bytes[at + 7] ^= 0x01;
        backend.save(pack.handle(), bytes);
        damaged++;
      }
    }
    assertThat(damaged).isEqualTo(1);

    Path out = tmp.resolve("out");
    try (Volume v = Volume.open(backend, null); BackupReader r = v.reader()) {
      assertThatThrownBy(() -> r.restore(s.id(), null, out, false, ProgressListener.NONE))
          .isInstanceOf(CorruptDataException.class).hasMessageContaining("does not match its id");
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void tree_roundTrips_withModesAndSymlinks() throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("sub/deeper"));
    Files.write(src.resolve("a.txt"), "hello".getBytes(StandardCharsets.UTF_8));
    Files.write(src.resolve("sub/b.bin"), TestData.dumpLike(5, 300_000));
    Files.write(src.resolve("sub/deeper/empty"), new byte[0]);
    Files.createSymbolicLink(src.resolve("link"), Path.of("sub/b.bin"));
    Files.setPosixFilePermissions(src.resolve("a.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    try (Volume v = TestData.init(new LocalBackend(tmp.resolve("vol")), smallVolume(), "VolumeRoundTripTest.tree_roundTrips_withModesAndSymlinks")) {
      BackupSummary s;
      try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
        w.putTree("files", src);
        s = w.commit();
      }
      Path out = tmp.resolve("out");
      try (BackupReader r = v.reader()) {
        r.restore(s.id(), null, out, false, ProgressListener.NONE);
      }
      Path back = out.resolve("files");
      assertThat(back.resolve("a.txt")).hasContent("hello");
      assertThat(Files.readAllBytes(back.resolve("sub/b.bin"))).isEqualTo(Files.readAllBytes(src.resolve("sub/b.bin")));
      assertThat(back.resolve("sub/deeper/empty")).isEmptyFile();
      assertThat(Files.readSymbolicLink(back.resolve("link"))).isEqualTo(Path.of("sub/b.bin"));
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("a.txt")))).isEqualTo("rwx------");
      assertThat(Files.getLastModifiedTime(back.resolve("sub/b.bin"))).isEqualTo(Files.getLastModifiedTime(src.resolve("sub/b.bin")));
    }
  }

  @Test
  void wrongPassphrase_isRefused_andNothingIsWritten() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    TestData.init(backend, smallVolume(), "VolumeRoundTripTest.wrongPassphrase_isRefused_andNothingIsWritten").close();
    int files = countFiles(backend);
    assertThatThrownBy(() -> Volume.open(backend, "nope".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessage("wrong passphrase for volume " + backend.location());
    assertThat(countFiles(backend)).isEqualTo(files);
  }

  @Test
  void newerFormat_isRefused_withTheVersions() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    TestData.init(backend, smallVolume(), "VolumeRoundTripTest.newerFormat_isRefused_withTheVersions").close();
    String config = new String(backend.load(Handle.CONFIG), StandardCharsets.UTF_8).replace("\"format\":" + format.number(), "\"format\":7");
    backend.save(Handle.CONFIG, config.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Volume.open(backend, TestData.PASSPHRASE))
        .isInstanceOf(VolumeException.class)
        .hasMessageContaining("has format 7; this coffer reads formats up to 3");
  }

  @Test
  void aVolume_writesItsManifests_idLists_packHeaders_andIndexesInItsOwnFormat() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    VolumeFormat other = format == VolumeFormat.V1 ? VolumeFormat.V2 : VolumeFormat.V1;
    try (Volume v = TestData.init(backend, smallVolume(), "VolumeRoundTripTest.aVolume_writesInItsOwnFormat")) {
      BackupSummary s = put(v, "dump", TestData.dumpLike(20, 2_000_000));
      assertThat(v.config().format()).isEqualTo(format.number());
      Manifest m = v.manifest(s.id());
      assertThat(m.format()).isEqualTo(format.number());
      assertThat(m.entries().get(0).content().lists()).isNotEmpty().allSatisfy(id -> assertThat(id).hasSize(2 * format.idLength()));
      for (FileInfo f : backend.list(FileType.PACK)) {
        assertThat(PackReader.header(backend, f.handle(), v.sealer, format)).allSatisfy(seg -> assertThat(seg.idLength()).isEqualTo(format.idLength()));
        assertThatThrownBy(() -> PackReader.header(backend, f.handle(), v.sealer, other)).hasMessageContaining("no CPK" + other.number() + " magic");
      }
      for (FileInfo f : backend.list(FileType.INDEX)) {
        byte[] plain = v.files.load(FileType.INDEX, f.handle().name());
        assertThat(new String(plain, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("CIX" + format.number());
      }
    }
  }

  @Test
  void notAVolume_isNamed() {
    Path empty = tmp.resolve("nothing");
    assertThatThrownBy(() -> Volume.open(new LocalBackend(empty), TestData.PASSPHRASE))
        .isInstanceOf(VolumeException.class)
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("is not a Coffer volume");
  }

  @Test
  void init_overAnExistingVolume_isRefused() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    TestData.init(backend, smallVolume(), "VolumeRoundTripTest.init_overAnExistingVolume_isRefused").close();
    assertThatThrownBy(() -> TestData.init(backend, smallVolume(), "VolumeRoundTripTest.init_overAnExistingVolume_isRefused"))
        .hasMessageContaining("already exists");
  }

  @Test
  void unencryptedVolume_opensWithoutPassphrase() throws Exception {
    MemoryBackend backend = new MemoryBackend();
    byte[] data = TestData.dumpLike(6, 1_000_000);
    try (Volume v = TestData.init(backend, smallVolume().withEncryption(false), "VolumeRoundTripTest.unencryptedVolume_opensWithoutPassphrase")) {
      put(v, "x", data);
    }
    try (Volume v = Volume.open(backend, null)) {
      assertThat(cat(v, v.backups().get(0).id(), "x")).isEqualTo(data);
    }
  }

  private static byte[] fill(int length, int value) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  static BackupSummary put(Volume v, String name, byte[] data) throws Exception {
    try (BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
      w.putStream(name, new ByteArrayInputStream(data));
      return w.commit();
    }
  }

  static byte[] cat(Volume v, String id, String name) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BackupReader r = v.reader()) {
      r.cat(id, name, out, ProgressListener.NONE);
    }
    return out.toByteArray();
  }

  private static int countFiles(Backend b) throws Exception {
    int n = 0;
    for (var t : io.coffer.repo.backend.FileType.values()) {
      n += b.list(t).size();
    }
    return n;
  }
}
