package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.Cli;
import io.coffer.cli.output.JsonOutput;
import io.coffer.repo.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's {@code --json} output is one parseable object with the fields scripts rely on. */
class JsonOutputTest {

  @TempDir Path tmp;
  private final Cli cli = new Cli();
  private String vol;
  private JsonNode put;
  private byte[] data;

  @BeforeEach
  void volumeWithOneBackup() throws Exception {
    vol = tmp.resolve("vol").toString();
    JsonNode init = cli.ok("volume", "init", vol, "--json", "--pack-size", "1M").json();
    assertThat(init.get("location").asText()).isEqualTo(vol);
    assertThat(init.get("config").get("format").asInt()).as("the default format").isEqualTo(3);
    assertThat(init.get("config").get("encryption").asText()).isEqualTo("aes-256-gcm");
    data = TestData.dumpLike(11, 2_000_000);
    Path f = Files.write(tmp.resolve("in.sql"), data);
    put = cli.ok("volume", "put", vol, "--name", "in.sql", "--tag", "k=v", f.toString(), "--json").json();
  }

  @Test
  void put_printsIdAndCounters() {
    assertThat(put.get("id").asText()).matches("[0-9a-f]{64}");
    assertThat(put.get("name").asText()).isEqualTo("in.sql");
    assertThat(put.get("bytesRead").asLong()).isEqualTo(data.length);
    assertThat(put.get("bytesNew").asLong()).isEqualTo(data.length);
    assertThat(put.get("bytesStored").asLong()).isPositive().isLessThan(data.length);
    assertThat(put.get("blobs").asLong()).isPositive();
    assertThat(put.has("newBlobs")).isTrue();
    assertThat(put.get("seconds").asDouble()).isPositive();
  }

  @Test
  void ls_listsBackupsWithEntriesTagsAndStats() {
    JsonNode b = cli.ok("volume", "ls", vol, "--json").json().get("backups").get(0);
    assertThat(b.get("id").asText()).isEqualTo(put.get("id").asText());
    assertThat(b.get("time").asText()).isNotEmpty();
    assertThat(b.get("tags").get("k").asText()).isEqualTo("v");
    assertThat(b.get("entries").get(0).get("name").asText()).isEqualTo("in.sql");
    assertThat(b.get("entries").get(0).get("type").asText()).isEqualTo("stream");
    assertThat(b.get("size").asLong()).isEqualTo(data.length);
    assertThat(b.get("stats").get("bytesStored").asLong()).isEqualTo(put.get("bytesStored").asLong());
  }

  @Test
  void cat_keepsStdoutForTheDataAndSummarisesOnStderr() throws Exception {
    Cli.Result r = cli.ok("volume", "cat", vol, put.get("id").asText(), "--json");
    assertThat(r.stdout()).isEqualTo(data);
    JsonNode summary = JsonOutput.MAPPER.readTree(r.err());
    assertThat(summary.get("bytes").asLong()).isEqualTo(data.length);
    assertThat(summary.get("id").asText()).isEqualTo(put.get("id").asText());
  }

  @Test
  void restore_check_stats() {
    JsonNode restore = cli.ok("volume", "restore", vol, put.get("id").asText(), tmp.resolve("r").toString(), "--json").json();
    assertThat(restore.get("bytes").asLong()).isEqualTo(data.length);
    assertThat(restore.get("target").asText()).isEqualTo(tmp.resolve("r").toString());

    JsonNode check = cli.ok("volume", "check", vol, "--read-data", "--json").json();
    assertThat(check.get("ok").asBoolean()).isTrue();
    assertThat(check.get("report").get("backups").asInt()).isEqualTo(1);
    assertThat(check.get("report").get("damages")).isEmpty();

    JsonNode stats = cli.ok("volume", "stats", vol, "--json").json();
    assertThat(stats.get("backups").asInt()).isEqualTo(1);
    assertThat(stats.get("logicalBytes").asLong()).isEqualTo(data.length);
    assertThat(stats.get("storedBytes").asLong()).isPositive();
    assertThat(stats.get("dedupRatio").asDouble()).isPositive();
    assertThat(stats.get("packs").asInt()).isPositive();
    assertThat(stats.get("blobs").asLong()).isPositive();
    assertThat(stats.get("indexFiles").asInt()).isPositive();
    assertThat(stats.get("blobsAgainstReferences").asLong()).as("a full backup's chunks are all whole").isZero();
  }

  @Test
  void forget_prune_repairIndex() {
    String id = put.get("id").asText();
    JsonNode dry = cli.ok("volume", "forget", vol, id.substring(0, 6), "--dry-run", "--json").json();
    assertThat(dry.get("dryRun").asBoolean()).isTrue();
    assertThat(dry.get("removed").get(0).asText()).isEqualTo(id);

    JsonNode pruneDry = cli.ok("volume", "prune", vol, "--dry-run", "--json").json();
    assertThat(pruneDry.get("dryRun").asBoolean()).isTrue();
    assertThat(pruneDry.get("packsDeleted").asInt()).isZero();

    JsonNode forget = cli.ok("volume", "forget", vol, id, "--json").json();
    assertThat(forget.get("removed").get(0).asText()).isEqualTo(id);
    JsonNode prune = cli.ok("volume", "prune", vol, "--json").json();
    assertThat(prune.get("packsDeleted").asInt()).isPositive();
    assertThat(prune.get("bytesFreed").asLong()).isPositive();

    JsonNode repair = cli.ok("volume", "repair-index", vol, "--json").json();
    assertThat(repair.get("packsRead").asInt()).isZero();
    assertThat(repair.get("damagedPacks")).isEmpty();
  }

  @Test
  void keys_and_locks() {
    JsonNode keys = cli.ok("volume", "key", "list", vol, "--json").json().get("keys");
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).get("current").asBoolean()).isTrue();
    assertThat(keys.get(0).get("kdf").asText()).isEqualTo("argon2id");

    cli.set("COFFER_NEW_PASSWORD", "another");
    String added = cli.ok("volume", "key", "add", vol, "--json").json().get("added").asText();
    assertThat(added).matches("[0-9a-f]{64}");
    assertThat(cli.ok("volume", "key", "remove", vol, added, "--json").json().get("removed").asText()).isEqualTo(added);
    cli.set("COFFER_PASSWORD", "another");
    assertThat(cli.run("volume", "ls", vol).code()).isEqualTo(1);
    cli.set("COFFER_PASSWORD", Cli.PASSPHRASE);
    JsonNode passwd = cli.ok("volume", "key", "passwd", vol, "--json").json();
    assertThat(passwd.get("removed").asText()).isNotEqualTo(passwd.get("added").asText());

    cli.set("COFFER_PASSWORD", "another");
    JsonNode locks = cli.ok("volume", "unlock", vol, "--remove-stale", "--json").json();
    assertThat(locks.get("locks")).isEmpty();
    assertThat(locks.get("removed")).isEmpty();
  }
}
