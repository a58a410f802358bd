package io.coffer.repo.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.repo.BackupInfo;
import io.coffer.repo.BackupReader;
import io.coffer.repo.CheckReport;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.PruneReport;
import io.coffer.repo.Volume;
import io.coffer.repo.WrongPassphraseException;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden volume under src/test/resources/golden (one folder per format version, each with an
 * {@code expected.json}) still opens, checks clean with every byte read, lists the recorded backups,
 * and gives back every stream and tree exactly. A volume is copied first, so the build never touches
 * the committed bytes, and the copy must end byte-for-byte as it began: reading writes nothing that
 * stays. Written by {@link GoldenVolumeWriter}; never regenerated to make this pass.
 */
class GoldenVolumeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Map<String, Object>>> NODES = new TypeReference<>() {};

  @TempDir Path tmp;

  static Stream<Arguments> volumes() throws Exception {
    Path root = Path.of(GoldenVolumeTest.class.getResource("/golden").toURI());
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> versions = Files.list(root)) {
      for (Path version : versions.sorted().toList()) {
        JsonNode expected = JSON.readTree(version.resolve("expected.json").toFile());
        for (JsonNode v : expected.get("volumes")) {
          out.add(Arguments.of(root.relativize(version) + "/" + v.get("path").asText(), version, v));
        }
      }
    }
    assertThat(out).as("golden volumes").hasSizeGreaterThanOrEqualTo(2);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("volumes")
  void goldenVolume_checksClean_andGivesBackEveryStreamAndTree(String name, Path version, JsonNode expected) throws Exception {
    Path copy = copy(version.resolve(expected.get("path").asText()), tmp.resolve("volume"));
    Map<String, String> before = files(copy);
    try (Volume v = Volume.open(new LocalBackend(copy), passphrase(version, expected))) {
      assertThat(v.config().encryption()).isEqualTo(expected.get("encryption").asText());
      assertThat(v.config().compression().algorithm()).isEqualTo(expected.get("compression").asText());
      assertThat(v.config().chunker().avg()).isEqualTo(expected.get("chunker").get("avg").asInt());

      CheckReport check = v.check(true, ProgressListener.NONE);
      assertThat(check.damages()).as("damage in " + name).isEmpty();
      assertThat(check.unreferencedPacks()).isEmpty();
      assertThat(check.backups()).isEqualTo(expected.get("backups").size());

      List<BackupInfo> backups = v.backups();
      assertThat(backups).extracting(BackupInfo::id).containsExactlyElementsOf(ids(expected));
      try (BackupReader reader = v.reader()) {
        for (JsonNode b : expected.get("backups")) {
          assertGivesBack(v, reader, b, "restore");
        }
      }
    }
    assertThat(files(copy)).as("the volume's files after reading").isEqualTo(before);
  }

  /**
   * This Coffer maintains a volume an earlier one wrote (the golden volumes of format 1 are the
   * release's) in the volume's own format: forget, prune with every partly live pack repacked, and
   * repair-index leave it checking clean with every byte read, still of its format, giving back what
   * the remaining backups hold.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("volumes")
  void goldenVolume_isPrunedWithRepack_andRepaired_inItsOwnFormat(String name, Path version, JsonNode expected) throws Exception {
    Path copy = copy(version.resolve(expected.get("path").asText()), tmp.resolve("volume"));
    int format = Integer.parseInt(version.getFileName().toString().substring(1));
    try (Volume v = Volume.open(new LocalBackend(copy), passphrase(version, expected))) {
      assertThat(v.config().format()).isEqualTo(format);
      v.forget(List.of(expected.get("backups").get(0).get("id").asText()));
      PruneReport pruned = v.prune(false, 1.0, ProgressListener.NONE);
      assertThat(pruned.packsDeleted() + pruned.packsRepacked()).as("packs pruned in " + name).isPositive();
      assertThat(v.check(true, ProgressListener.NONE).damages()).as("damage after prune in " + name).isEmpty();
      v.repairIndex(ProgressListener.NONE);
      CheckReport check = v.check(true, ProgressListener.NONE);
      assertThat(check.damages()).as("damage after repair-index in " + name).isEmpty();
      assertThat(check.backups()).isEqualTo(expected.get("backups").size() - 1);
      try (BackupReader reader = v.reader()) {
        for (int i = 1; i < expected.get("backups").size(); i++) {
          assertGivesBack(v, reader, expected.get("backups").get(i), "pruned");
        }
      }
    }
    assertThat(Volume.readConfig(new LocalBackend(copy)).format()).isEqualTo(format);
  }

  /** The backup's manifest, restore, cat and open give back what {@code expected.json} records. */
  private void assertGivesBack(Volume v, BackupReader reader, JsonNode b, String label) throws Exception {
    String id = b.get("id").asText();
    Manifest m = v.manifest(v.resolve(id.substring(0, 8)));
    assertThat(m.tags()).isEqualTo(JSON.convertValue(b.get("tags"), new TypeReference<Map<String, String>>() {}));
    assertThat(m.entries()).extracting(Entry::name).containsExactlyElementsOf(names(b));
    Path restored = tmp.resolve(label + "-" + id);
    reader.restore(id, null, restored, false, ProgressListener.NONE);
    for (JsonNode e : b.get("entries")) {
      Entry entry = m.entry(e.get("name").asText());
      assertThat(entry.size()).as(e.get("name").asText()).isEqualTo(e.get("size").asLong());
      Path out = restored.resolve(entry.name());
      if (entry.isTree()) {
        assertThat(TreeListing.of(out)).as("restored tree " + entry.name()).isEqualTo(JSON.convertValue(e.get("nodes"), NODES));
      } else {
        assertThat(GoldenVolumeWriter.hex(GoldenVolumeWriter.sha256(Files.readAllBytes(out)))).as("restored " + entry.name())
            .isEqualTo(e.get("sha256").asText());
        assertThat(catSha256(reader, id, entry.name())).as("cat " + entry.name()).isEqualTo(e.get("sha256").asText());
        try (InputStream in = reader.open(entry, ProgressListener.NONE)) {
          assertThat(GoldenVolumeWriter.hex(GoldenVolumeWriter.sha256(in.readAllBytes()))).as("open " + entry.name()).isEqualTo(e.get("sha256").asText());
        }
      }
    }
  }

  /** From format 3 on, a compressed golden volume's level 1 stored its changed chunk against the one before. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("volumes")
  void aCompressedGoldenVolumeOfFormat3_holdsChangesStoredAgainstEarlierChunks(String name, Path version, JsonNode expected) throws Exception {
    Path copy = copy(version.resolve(expected.get("path").asText()), tmp.resolve("volume"));
    try (Volume v = Volume.open(new LocalBackend(copy), passphrase(version, expected))) {
      boolean against = v.config().format() >= 3 && !"none".equals(expected.get("compression").asText());
      assertThat(v.stats().blobsAgainstReferences() > 0).as("changes stored against references in " + name).isEqualTo(against);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("volumes")
  void anEncryptedGoldenVolume_refusesAWrongPassphrase(String name, Path version, JsonNode expected) throws Exception {
    Path copy = copy(version.resolve(expected.get("path").asText()), tmp.resolve("volume"));
    if (expected.get("passphraseFile").isNull()) {
      assertThat(Volume.open(new LocalBackend(copy), "anything".toCharArray()).config().encrypted()).isFalse();
    } else {
      assertThatThrownBy(() -> Volume.open(new LocalBackend(copy), "not the passphrase".toCharArray()))
          .isInstanceOf(WrongPassphraseException.class);
    }
  }

  private static char[] passphrase(Path version, JsonNode expected) throws IOException {
    JsonNode file = expected.get("passphraseFile");
    return file.isNull() ? null : Files.readString(version.resolve(file.asText())).toCharArray();
  }

  private static List<String> ids(JsonNode volume) {
    List<String> ids = new ArrayList<>();
    volume.get("backups").forEach(b -> ids.add(b.get("id").asText()));
    return ids;
  }

  private static List<String> names(JsonNode backup) {
    List<String> names = new ArrayList<>();
    backup.get("entries").forEach(e -> names.add(e.get("name").asText()));
    return names;
  }

  private static String catSha256(BackupReader reader, String id, String name) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      reader.cat(id, name, out, ProgressListener.NONE);
    }
    return GoldenVolumeWriter.hex(sha.digest());
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  /** Every regular file of a volume by path, with its SHA-256 (folders that locks leave empty do not count). */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), GoldenVolumeWriter.hex(GoldenVolumeWriter.sha256(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
