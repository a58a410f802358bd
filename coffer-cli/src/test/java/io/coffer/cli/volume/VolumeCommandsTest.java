package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.repo.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The happy path of every volume command, in-process on a directory volume. */
class VolumeCommandsTest {

  @TempDir Path tmp;
  private final Cli cli = new Cli();
  private String vol;

  @BeforeEach
  void init() {
    vol = tmp.resolve("vol").toString();
    cli.ok("volume", "init", vol, "--pack-size", "1M", "--chunk-min", "1K", "--chunk-avg", "4K", "--chunk-max", "32K");
  }

  private String put(String name, byte[] data) throws Exception {
    Path f = Files.write(tmp.resolve(name.replace('/', '_') + ".in"), data);
    return cli.ok("volume", "put", vol, "--name", name, f.toString()).out().strip();
  }

  @Test
  void init_printsTheChosenSettings() {
    String other = tmp.resolve("other").toString();
    Cli.Result r = cli.ok("volume", "init", other, "--compression", "zstd:9", "--pack-size", "4M", "--chunk-avg", "16K");
    assertThat(r.out()).contains("created volume " + other).contains("zstd:9").contains("4.0 MiB").contains("avg 16.0 KiB").contains("aes-256-gcm");
    assertThat(tmp.resolve("other/config")).exists();
  }

  @Test
  void init_cutsAndCompressesTreesFilesForThemselves_unlessTheStreamsSettingsAreGiven() throws Exception {
    String defaults = tmp.resolve("defaults").toString();
    assertThat(cli.ok("volume", "init", defaults).out())
        .contains("avg 8.0 KiB").contains("zstd:2").contains("tree files   chunks min 4.0 KiB, avg 16.0 KiB, max 128.0 KiB; compression zstd:3");
    assertThat(Files.readString(tmp.resolve("defaults/config")))
        .contains("\"trees\":{\"chunker\":{\"algorithm\":\"fastcdc\",\"min\":4096,\"avg\":16384,\"max\":131072},"
            + "\"compression\":{\"algorithm\":\"zstd\",\"level\":3}}");

    String chosen = tmp.resolve("chosen").toString();
    assertThat(cli.ok("volume", "init", chosen, "--tree-chunk-avg", "32K", "--tree-compression", "none").out())
        .contains("avg 8.0 KiB").contains("tree files   chunks min 8.0 KiB, avg 32.0 KiB, max 256.0 KiB; compression none");

    String streams = tmp.resolve("streams").toString();
    assertThat(cli.ok("volume", "init", streams, "--chunk-avg", "4K", "--chunk-min", "1K", "--compression", "zstd:9").out())
        .contains("tree files   chunks min 1.0 KiB, avg 4.0 KiB, max 64.0 KiB; compression zstd:9");
  }

  @Test
  void init_format2_writesAVolumeOfFormat2_thatStoresChecksAndPrunes() throws Exception {
    String v2 = tmp.resolve("v2").toString();
    assertThat(cli.ok("volume", "init", v2, "--format", "2", "--pack-size", "1M").out()).containsPattern("format +2\n");
    assertThat(Files.readString(tmp.resolve("v2/config"))).contains("\"format\":2");
    byte[] data = TestData.dumpLike(3, 1_000_000);
    Path f = Files.write(tmp.resolve("v2.in"), data);
    String id = cli.ok("volume", "put", v2, "--name", "dump", f.toString()).out().strip();
    assertThat(cli.ok("volume", "cat", v2, id.substring(0, 8)).stdout()).isEqualTo(data);
    cli.ok("volume", "check", v2, "--read-data");
    cli.ok("volume", "forget", v2, id.substring(0, 8));
    cli.ok("volume", "prune", v2);
    cli.ok("volume", "check", v2, "--read-data");
  }

  @Test
  void init_withoutEncryption_needsNoPassphrase() {
    cli.set("COFFER_PASSWORD", null);
    String plain = tmp.resolve("plain").toString();
    assertThat(cli.ok("volume", "init", plain, "--insecure-no-encryption", "--compression", "none").out()).contains("none (--insecure-no-encryption)");
    String id = cli.stdin("hello".getBytes(StandardCharsets.UTF_8)).ok("volume", "put", plain, "--name", "greeting").out().strip();
    assertThat(Cli.text(cli.ok("volume", "cat", plain, id).stdout())).isEqualTo("hello");
  }

  @Test
  void put_file_printsTheIdAndCatReturnsTheBytes() throws Exception {
    byte[] data = TestData.dumpLike(1, 3_000_000);
    String id = put("sales.sql", data);
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(cli.ok("volume", "cat", vol, id.substring(0, 8)).stdout()).isEqualTo(data);
    assertThat(cli.ok("volume", "cat", vol, id + ":sales.sql").stdout()).isEqualTo(data);
  }

  @Test
  void put_stdin_isStoredAsAStream() {
    byte[] data = TestData.dumpLike(2, 500_000);
    String id = cli.stdin(data).ok("volume", "put", vol, "--name", "db/dump.sql", "-").out().strip();
    assertThat(cli.ok("volume", "cat", vol, id).stdout()).isEqualTo(data);
    assertThat(cli.ok("volume", "ls", vol).out()).contains(id.substring(0, 12)).contains("db/dump.sql");
  }

  @Test
  void put_directory_restoresAsATree() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.write(src.resolve("a.bin"), TestData.dumpLike(3, 200_000));
    Files.writeString(src.getParent().resolve("top.txt"), "top");
    Files.createSymbolicLink(src.getParent().resolve("link"), Path.of("sub/a.bin"));
    String id = cli.ok("volume", "put", vol, "--name", "files", src.getParent().toString()).out().strip();

    Path target = tmp.resolve("restored");
    Cli.Result r = cli.ok("volume", "restore", vol, id.substring(0, 6), target.toString());
    assertThat(r.out()).contains("restored backup " + id.substring(0, 12)).contains(target.toString());
    assertThat(target.resolve("files/sub/a.bin")).hasSameBinaryContentAs(src.resolve("a.bin"));
    assertThat(target.resolve("files/top.txt")).hasContent("top");
    assertThat(Files.readSymbolicLink(target.resolve("files/link"))).isEqualTo(Path.of("sub/a.bin"));
  }

  @Test
  void restore_ofOneEntry_writesOnlyThatEntry() throws Exception {
    byte[] data = TestData.dumpLike(4, 100_000);
    String id = put("one.sql", data);
    Path target = tmp.resolve("r");
    cli.ok("volume", "restore", vol, id + ":one.sql", target.toString());
    assertThat(target.resolve("one.sql")).hasBinaryContent(data);
  }

  @Test
  void ls_showsIdTimeNamesTagsAndSizes() throws Exception {
    Path f = Files.write(tmp.resolve("in"), TestData.dumpLike(5, 300_000));
    String id = cli.ok("volume", "put", vol, "--name", "sales.sql", "--tag", "node=pg1", "--tag", "database=sales", f.toString()).out().strip();
    String out = cli.ok("volume", "ls", vol).out();
    assertThat(out.lines().findFirst().orElseThrow()).startsWith("ID").contains("TIME").contains("SIZE").contains("STORED").contains("NAMES").contains("TAGS");
    assertThat(out).contains(id.substring(0, 12)).contains("sales.sql").contains("database=sales, node=pg1").contains("293.0 KiB");
  }

  @Test
  void ls_ofAnEmptyVolume_saysSo() {
    assertThat(cli.ok("volume", "ls", vol).out()).contains("no backups");
  }

  @Test
  void check_ofAHealthyVolume_exitsZero() throws Exception {
    put("a", TestData.dumpLike(6, 1_000_000));
    assertThat(cli.ok("volume", "check", vol).out()).contains("checked structure of volume").contains("1 backups").contains("no damage found");
    assertThat(cli.ok("volume", "check", vol, "--read-data").out()).contains("structure and data").contains("no damage found");
  }

  @Test
  void forgetThenPrune_freesTheSpace() throws Exception {
    String keep = put("keep", TestData.dumpLike(7, 1_500_000));
    String drop = put("drop", TestData.dumpLike(8, 1_500_000));

    assertThat(cli.ok("volume", "forget", vol, drop.substring(0, 10), "--dry-run").out()).contains("would remove backup " + drop);
    assertThat(cli.ok("volume", "ls", vol).out()).contains(drop.substring(0, 12));

    assertThat(cli.ok("volume", "forget", vol, drop.substring(0, 10)).out()).contains("removed backup " + drop).contains("volume prune");
    assertThat(cli.ok("volume", "ls", vol).out()).doesNotContain(drop.substring(0, 12)).contains(keep.substring(0, 12));

    Cli.Result dry = cli.ok("volume", "prune", vol, "--dry-run");
    assertThat(dry.out()).contains("dry run");
    long before = cli.ok("volume", "stats", vol, "--json").json().get("storedBytes").asLong();
    assertThat(cli.ok("volume", "stats", vol, "--json").json().get("storedBytes").asLong()).isEqualTo(before);

    assertThat(cli.ok("volume", "prune", vol).out()).contains("pruned:").contains("space freed");
    long after = cli.ok("volume", "stats", vol, "--json").json().get("storedBytes").asLong();
    assertThat(after).isLessThan(before);
    assertThat(cli.ok("volume", "check", vol, "--read-data").code()).isZero();
    assertThat(cli.ok("volume", "cat", vol, keep).stdout()).isEqualTo(TestData.dumpLike(7, 1_500_000));
  }

  @Test
  void repairIndex_rebuildsTheIndexFromPacks() throws Exception {
    byte[] data = TestData.dumpLike(9, 1_000_000);
    String id = put("a", data);
    try (var files = Files.list(tmp.resolve("vol/index"))) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Cli.Result r = cli.ok("volume", "repair-index", vol);
    assertThat(r.out()).contains("rebuilt the index").contains("index files written").containsPattern("damaged packs +none");
    assertThat(cli.ok("volume", "cat", vol, id).stdout()).isEqualTo(data);
  }

  @Test
  void stats_showsLogicalAgainstStored() throws Exception {
    byte[] data = TestData.dumpLike(10, 1_000_000);
    put("a", data);
    put("b", data);
    String out = cli.ok("volume", "stats", vol).out();
    assertThat(out).contains("backups       2").contains("logical size  1.9 MiB").contains("stored size").contains("ratio").contains("packs").contains("blobs").contains("index files");
  }

  @Test
  void keys_addListPasswdRemove() {
    String original = cli.ok("volume", "key", "list", vol, "--json").json().get("keys").get(0).get("name").asText();
    cli.set("COFFER_NEW_PASSWORD", "second passphrase");
    String added = cli.ok("volume", "key", "add", vol).out();
    assertThat(added).startsWith("added key ");
    String addedName = added.strip().substring("added key ".length());

    String list = cli.ok("volume", "key", "list", vol).out();
    assertThat(list).contains("KEY").contains("CURRENT").contains(addedName).contains(original.substring(0, 12)).contains("argon2id");
    assertThat(list.lines().filter(l -> l.contains(" * ")).toList()).singleElement().asString().startsWith(original.substring(0, 12));

    // Opened with the second passphrase, passwd replaces the added key and leaves the original.
    cli.set("COFFER_PASSWORD", "second passphrase").set("COFFER_NEW_PASSWORD", "third passphrase");
    assertThat(cli.ok("volume", "key", "passwd", vol).out()).startsWith("replaced key " + addedName + " by key ");
    assertThat(cli.run("volume", "ls", vol).err()).contains("wrong passphrase");

    cli.set("COFFER_PASSWORD", "third passphrase");
    assertThat(cli.ok("volume", "key", "remove", vol, original.substring(0, 8)).out()).isEqualTo("removed key " + original.substring(0, 8) + "\n");
    cli.set("COFFER_PASSWORD", Cli.PASSPHRASE);
    assertThat(cli.run("volume", "ls", vol).err()).contains("wrong passphrase");
  }

  @Test
  void unlock_listsNoLocksWhenIdle() {
    assertThat(cli.ok("volume", "unlock", vol).out()).contains("no locks on volume");
    assertThat(cli.ok("volume", "unlock", vol, "--remove-stale").out()).contains("no locks on volume");
  }

  @Test
  void volumeAlone_printsItsCommands() {
    String out = cli.ok("volume").out();
    for (String c : new String[] {"init", "put", "ls", "cat", "restore", "check", "forget", "prune", "repair-index", "key", "stats", "unlock"}) {
      assertThat(out).contains("  " + c + " ");
    }
  }
}
