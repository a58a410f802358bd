package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.repo.BackupWriter;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.TestData;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.Backends;
import io.coffer.repo.backend.S3Options;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bad inputs of issue 2: each gets a clear message, the right exit code and changes nothing. */
class BadInputTest {

  @TempDir Path tmp;
  private final Cli cli = new Cli();
  private String vol;
  private String id;

  @BeforeEach
  void volumeWithOneBackup() throws Exception {
    vol = tmp.resolve("vol").toString();
    cli.ok("volume", "init", vol, "--pack-size", "1M");
    Path f = Files.write(tmp.resolve("in"), TestData.dumpLike(20, 300_000));
    id = cli.ok("volume", "put", vol, "--name", "in", f.toString()).out().strip();
  }

  @ParameterizedTest
  @CsvSource({"ls", "put", "prune", "forget", "check", "key", "unlock"})
  void wrongPassphrase_failsWithExit1AndWritesNothing(String command) throws Exception {
    Map<String, String> before = snapshot(Path.of(vol));
    cli.set("COFFER_PASSWORD", "not the passphrase").stdin(new byte[] {1, 2, 3});
    String[] args =
        switch (command) {
          case "put" -> new String[] {"volume", "put", vol, "--name", "x"};
          case "forget" -> new String[] {"volume", "forget", vol, id};
          case "key" -> new String[] {"volume", "key", "add", vol};
          default -> new String[] {"volume", command, vol};
        };
    Cli.Result r = cli.set("COFFER_NEW_PASSWORD", "new").run(args);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("coffer: wrong passphrase for volume " + vol + "\n");
    assertThat(snapshot(Path.of(vol))).isEqualTo(before);
  }

  @Test
  void noPassphraseAndNoTerminal_saysWhereToPutOne() {
    Cli.Result r = cli.set("COFFER_PASSWORD", null).run("volume", "ls", vol);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("coffer: no passphrase for volume " + vol).contains("COFFER_PASSWORD_FILE").contains("COFFER_PASSWORD").contains("terminal");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void passphraseFile_winsOverTheVariable_andItsLineBreakIsIgnored() throws Exception {
    Path file = Files.writeString(tmp.resolve("pass"), Cli.PASSPHRASE + "\n");
    cli.set("COFFER_PASSWORD", "wrong").set("COFFER_PASSWORD_FILE", file.toString());
    assertThat(cli.ok("volume", "ls", vol).out()).contains(id.substring(0, 12));
  }

  @Test
  void passphraseFileMissing_namesTheVariableAndFile() {
    Path missing = tmp.resolve("nope");
    Cli.Result r = cli.set("COFFER_PASSWORD_FILE", missing.toString()).run("volume", "ls", vol);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("coffer: COFFER_PASSWORD_FILE names " + missing + ", which cannot be read (NoSuchFileException)\n");
  }

  @Test
  void notAVolume_namesTheLocation() throws Exception {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    Cli.Result r = cli.run("volume", "ls", empty.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("coffer: " + empty + " is not a Coffer volume (no config file); create one with `coffer volume init`\n");

    Cli.Result missing = cli.run("volume", "check", tmp.resolve("missing").toString());
    assertThat(missing.err()).startsWith("coffer: " + tmp.resolve("missing") + " is not a Coffer volume");
    assertThat(tmp.resolve("missing")).doesNotExist();
  }

  @Test
  void missingConfig_namesTheLocation() throws Exception {
    Files.delete(Path.of(vol, "config"));
    Cli.Result r = cli.run("volume", "cat", vol, id);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("coffer: " + vol + " is not a Coffer volume (no config file)");
  }

  @Test
  void newerFormat_isRefusedNamingLocationAndVersion() throws Exception {
    Path config = Path.of(vol, "config");
    Files.writeString(config, Files.readString(config).replaceFirst("\"format\":\\d+", "\"format\":4"));
    Cli.Result r = cli.run("volume", "ls", vol);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("coffer: volume " + vol + " has format 4; this coffer reads formats up to 3");
  }

  @Test
  void garbledConfig_namesTheLocation() throws Exception {
    Files.writeString(Path.of(vol, "config"), "{not json");
    Cli.Result r = cli.run("volume", "ls", vol);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("coffer: " + vol + " is not a Coffer volume: its config file is not valid");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void initOverAVolume_isRefused() throws Exception {
    Map<String, String> before = snapshot(Path.of(vol));
    Cli.Result r = cli.run("volume", "init", vol);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("coffer: volume " + vol + " already exists\n");
    assertThat(snapshot(Path.of(vol))).isEqualTo(before);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--pack-size|12X|K, M or G",
        "--pack-size|512K|1M … 1G",
        "--pack-size|2G|1M … 1G",
        "--chunk-avg|3000|power of two",
        "--chunk-min|16M|at most 8M",
        "--chunk-max|1K|min < avg < max",
        "--compression|zstd:30|zstd:1 … zstd:19",
        "--compression|lz4|zstd:1 … zstd:19",
        "--tree-chunk-avg|3000|power of two",
        "--tree-chunk-avg|128|64 B <= min",
        "--tree-chunk-avg|16M|at most 8M",
        "--tree-compression|zstd:20|zstd:1 … zstd:19",
        "--chunk-avg|-4K|K, M or G",
        "--format|4|use 1, 2 or 3",
        "--format|0|use 1, 2 or 3"
      })
  void badInitOption_exits2NamingOptionValueAndWhatIsAccepted(String option, String value, String accepted) {
    Path target = tmp.resolve("new");
    Cli.Result r = cli.run("volume", "init", target.toString(), option, value);
    assertThat(r.code()).isEqualTo(2);
    String first = r.err().lines().findFirst().orElseThrow();
    assertThat(first).startsWith("coffer: ").contains(option).contains("'" + value + "'").contains(accepted);
    assertThat(target).doesNotExist();
  }

  @Test
  void unknownLocationScheme_isAUsageError() {
    Cli.Result r = cli.run("volume", "ls", "ftp://host/backups");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ftp://host/backups").contains("s3://bucket/prefix");
  }

  @ParameterizedTest
  @CsvSource({"../escape", "/abs", "a//b", "a/./b", "a/..", "back\\slash"})
  void putWithANameThatCouldLeaveTheTarget_isAUsageError(String name) {
    Cli.Result r = cli.stdin(new byte[] {1}).run("volume", "put", vol, "--name", name);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--name").contains("'" + name + "'").contains("'..'");
  }

  @Test
  void putOfAMissingFile_failsBeforeOpeningTheVolume() {
    Cli.Result r = cli.set("COFFER_PASSWORD", null).run("volume", "put", vol, "--name", "x", tmp.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("coffer: cannot put " + tmp.resolve("nope") + ": no such file or directory\n");
  }

  @Test
  void badTags_areUsageErrors() {
    assertThat(cli.run("volume", "put", vol, "--name", "x", "--tag", "novalue").code()).isEqualTo(2);
    Cli.Result r = cli.run("volume", "put", vol, "--name", "x", "--tag", "=v");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--tag").contains("non-empty KEY");
  }

  @Test
  void missingArgumentsAndUnknownOptions_areUsageErrors() {
    Cli.Result noName = cli.run("volume", "put", vol);
    assertThat(noName.code()).isEqualTo(2);
    assertThat(noName.err()).contains("--name").contains("Try 'coffer volume put --help'");
    assertThat(cli.run("volume", "ls", vol, "--bogus").code()).isEqualTo(2);
    assertThat(cli.run("volume", "cat", vol).code()).isEqualTo(2);
  }

  @Test
  void unknownOrMalformedBackupIds_areNamed() {
    Cli.Result unknown = cli.run("volume", "cat", vol, "ffffffff");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("coffer: no backup ffffffff in volume " + vol + "\n");
    Cli.Result malformed = cli.run("volume", "restore", vol, "xyz", tmp.resolve("r").toString());
    assertThat(malformed.code()).isEqualTo(1);
    assertThat(malformed.err()).contains("'xyz'").contains("at least 4 lowercase hex digits");
    assertThat(tmp.resolve("r")).doesNotExist();
    Cli.Result noEntry = cli.run("volume", "cat", vol, id + ":other");
    assertThat(noEntry.err()).contains("no stream named 'other'");
  }

  @Test
  void restore_refusesEntryNamesThatLeaveTheTarget() throws Exception {
    try (Volume v = Volume.open(Backends.open(vol, S3Options.DEFAULT), Cli.PASSPHRASE.toCharArray());
        BackupWriter w = v.newBackup(Map.of(), ProgressListener.NONE)) {
      w.putStream("../escaped", new ByteArrayInputStream(new byte[] {42}));
      id = w.commit().id();
    }
    Path target = Files.createDirectories(tmp.resolve("box/target"));
    Cli.Result r = cli.run("volume", "restore", vol, id, target.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("refusing to restore").contains("'..'");
    assertThat(tmp.resolve("box/escaped")).doesNotExist();
    try (Stream<Path> s = Files.list(tmp.resolve("box"))) {
      assertThat(s.toList()).containsExactly(target);
    }
  }

  @Test
  void restore_refusesSymlinksThatPointOutside() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.createSymbolicLink(src.resolve("up"), Path.of("../../../outside"));
    Files.createSymbolicLink(src.resolve("abs"), tmp.resolve("outside-abs"));
    Files.writeString(src.resolve("plain.txt"), "x");
    String tree = cli.ok("volume", "put", vol, "--name", "files", src.toString()).out().strip();

    Path target = tmp.resolve("box/target");
    Cli.Result r = cli.run("volume", "restore", vol, tree, target.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("points outside the restore directory; refused");
    try (Stream<Path> all = Files.walk(tmp.resolve("box"))) {
      assertThat(all.filter(Files::isSymbolicLink).toList()).isEmpty();
    }
    try (Stream<Path> s = Files.list(tmp.resolve("box"))) {
      assertThat(s.toList()).containsExactly(target);
    }
  }

  @Test
  void restore_intoANonEmptyDirectory_isRefused() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(target.resolve("keep.txt"), "mine");
    Cli.Result r = cli.run("volume", "restore", vol, id, target.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("is not empty");
    try (Stream<Path> s = Files.list(target)) {
      assertThat(s.toList()).containsExactly(target.resolve("keep.txt"));
    }
  }

  @Test
  void keyCommandsOnAnUnencryptedVolume_sayThereAreNoPassphrases() {
    String plain = tmp.resolve("plain").toString();
    cli.ok("volume", "init", plain, "--insecure-no-encryption");
    Cli.Result r = cli.run("volume", "key", "add", plain);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("is not encrypted");
  }

  /** Every file below {@code root} with its size and modification time. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.put(root.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
      }
    }
    return out;
  }
}
