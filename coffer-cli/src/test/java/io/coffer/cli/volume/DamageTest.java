package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.Cli;
import io.coffer.repo.TestData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: {@code check} names each one with the backups it affects (exit 3), and reading an
 * affected backup fails with one clear line without emitting a wrong byte.
 */
class DamageTest {

  @TempDir Path tmp;
  private final Cli cli = new Cli();
  private Path vol;
  private final byte[] first = TestData.dumpLike(30, 3_000_000);
  private final byte[] second = TestData.dumpLike(31, 3_000_000);
  private String firstId;
  private String secondId;
  private Set<Path> firstPacks;

  @BeforeEach
  void twoBackupsInSeparatePacks() throws Exception {
    vol = tmp.resolve("vol");
    cli.ok("volume", "init", vol.toString(), "--pack-size", "1M");
    firstId = put("first", first);
    firstPacks = packs();
    secondId = put("second", second);
  }

  @Test
  void bitFlippedPack_isNamedWithTheBackupItBreaks_andCatStopsBeforeWrongBytes() throws Exception {
    Path pack = largest(firstPacks);
    flipBit(pack, 100);
    String file = vol.relativize(pack).toString();

    Cli.Result check = cli.run("volume", "check", vol.toString(), "--read-data");
    assertThat(check.code()).isEqualTo(3);
    assertThat(check.out()).contains("DAMAGE").contains(file).contains(firstId.substring(0, 12)).doesNotContain(secondId.substring(0, 12));

    JsonNode report = cli.run("volume", "check", vol.toString(), "--read-data", "--json").json();
    assertThat(report.get("ok").asBoolean()).isFalse();
    JsonNode damage = report.get("report").get("damages").get(0);
    assertThat(damage.get("file").asText()).isEqualTo(file);
    assertThat(damage.get("affectedBackups").get(0).asText()).isEqualTo(firstId);
    assertThat(damage.get("affectedBackups")).hasSize(1);

    Cli.Result cat = cli.run("volume", "cat", vol.toString(), firstId);
    assertThat(cat.code()).isEqualTo(1);
    assertThat(cat.err()).startsWith("coffer: ").contains(pack.getFileName().toString().substring(0, 8));
    assertThat(cat.err().lines()).hasSize(1);
    assertThat(cat.stdout().length).isLessThan(first.length);
    assertThat(cat.stdout()).isEqualTo(Arrays.copyOf(first, cat.stdout().length));

    Path target = tmp.resolve("restored");
    Cli.Result restore = cli.run("volume", "restore", vol.toString(), firstId, target.toString());
    assertThat(restore.code()).isEqualTo(1);
    byte[] partial = Files.exists(target.resolve("first")) ? Files.readAllBytes(target.resolve("first")) : new byte[0];
    assertThat(partial).isEqualTo(Arrays.copyOf(first, partial.length));

    assertThat(cli.ok("volume", "cat", vol.toString(), secondId).stdout()).isEqualTo(second);
  }

  @Test
  void truncatedPack_isFoundWithoutReadingData() throws Exception {
    Path pack = largest(firstPacks);
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Cli.Result check = cli.run("volume", "check", vol.toString());
    assertThat(check.code()).isEqualTo(3);
    assertThat(check.out()).contains(vol.relativize(pack).toString()).contains("the index says").contains(firstId.substring(0, 12));
    assertThat(cli.run("volume", "cat", vol.toString(), firstId).code()).isEqualTo(1);
  }

  @Test
  void bitFlippedManifest_isNamedAndItsBackupCannotBeRead() throws Exception {
    Path manifest = vol.resolve("backups").resolve(secondId);
    flipBit(manifest, 20);
    Cli.Result check = cli.run("volume", "check", vol.toString());
    assertThat(check.code()).isEqualTo(3);
    assertThat(check.out()).contains("backups/" + secondId).contains("damaged");

    Cli.Result cat = cli.run("volume", "cat", vol.toString(), secondId);
    assertThat(cat.code()).isEqualTo(1);
    assertThat(cat.err()).contains("backups/" + secondId).contains("damaged");
    assertThat(cat.stdout()).isEmpty();
    assertThat(cli.ok("volume", "cat", vol.toString(), firstId).stdout()).isEqualTo(first);
  }

  @Test
  void bitFlippedIndex_isNamed_andRepairIndexRestoresAccess() throws Exception {
    Path index;
    try (Stream<Path> s = Files.list(vol.resolve("index"))) {
      index = s.findFirst().orElseThrow();
    }
    flipBit(index, 30);
    Cli.Result check = cli.run("volume", "check", vol.toString());
    assertThat(check.code()).isEqualTo(3);
    assertThat(check.out()).contains("index/" + index.getFileName());

    assertThat(cli.ok("volume", "repair-index", vol.toString()).out()).containsPattern("damaged packs +none");
    assertThat(cli.ok("volume", "check", vol.toString(), "--read-data").out()).contains("no damage found");
    assertThat(cli.ok("volume", "cat", vol.toString(), firstId).stdout()).isEqualTo(first);
    assertThat(cli.ok("volume", "cat", vol.toString(), secondId).stdout()).isEqualTo(second);
  }

  private String put(String name, byte[] data) throws IOException {
    Path f = Files.write(tmp.resolve(name + ".in"), data);
    return cli.ok("volume", "put", vol.toString(), "--name", name, f.toString()).out().strip();
  }

  private Set<Path> packs() throws IOException {
    try (Stream<Path> s = Files.walk(vol.resolve("data"))) {
      return new HashSet<>(s.filter(Files::isRegularFile).toList());
    }
  }

  private static Path largest(Set<Path> files) {
    return files.stream().max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
  }

  private static void flipBit(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x10);
    }
  }
}
