package io.coffer.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CommandBase;
import io.coffer.cli.Environment;
import io.coffer.cli.ExitCode;
import io.coffer.cli.options.SizeConverter;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.output.JsonOutput;
import io.coffer.cli.passphrase.Passphrases;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer demo}: shows what a volume does on this machine with nothing to set up. It backs up a
 * generated database dump, changes 1% of its rows, backs it up again, shows how little the second
 * backup stored, checks every byte, restores and proves the restore identical.
 *
 * <p>Each run works in a new directory, so the demo can be repeated; the volume is left there to be
 * explored by hand with the commands printed at the end.
 */
@Command(
    name = "demo",
    description = {
      "Demonstrate a volume: back up a generated 50 MB dump, change 1% of its rows, back up again,",
      "show the dedup, check, restore and compare. Needs no server; takes a few seconds."
    })
public final class DemoCommand extends CommandBase {

  /** Fixed and printed: the demo volume protects nothing and must be easy to open by hand. */
  static final String PASSPHRASE = "coffer-demo";

  private static final long SEED = 20261122L;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the demo's own new subdirectory (default: the system's temporary directory).")
  Path dir;

  @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "50M", description = "Size of the generated dump (default: ${DEFAULT-VALUE}).")
  long size;

  record Result(
      String directory,
      String volume,
      String passphrase,
      long dumpBytes,
      int rows,
      int changedRows,
      JsonNode firstBackup,
      JsonNode secondBackup,
      JsonNode backups,
      JsonNode stats,
      JsonNode check,
      JsonNode restore,
      String sha256Dump,
      String sha256Restored,
      boolean identical,
      double seconds) {}

  @Override
  public Integer call() throws IOException {
    if (size < (1 << 20) || size > (1L << 32)) {
      throw badValue("option '--size'", typed("--size", size), "use 1M … 4G");
    }
    long started = System.nanoTime();
    Path root = directory();
    Path volume = root.resolve("volume");
    Path dump = root.resolve("sales.sql");
    Path restored = root.resolve("restored");
    DemoShell shell = new DemoShell(demoEnvironment(), out(), err(), json());
    String vol = volume.toString();

    say("Coffer demo: back up a database dump into an encrypted, deduplicated volume, change 1% of its");
    say("rows, back it up again, check every byte, restore it and compare. No server is needed.");
    say("");
    say("demo directory: " + root);
    say("passphrase:     the fixed demo passphrase \"" + PASSPHRASE + "\", given to the commands as " + Passphrases.VALUE);

    DumpGenerator generator = DumpGenerator.ofSize(SEED, size);
    long dumpBytes = generator.write(dump, new BitSet());
    say("");
    say(String.format(Locale.ROOT, "wrote %s: %s, %,d rows of an orders table, about 20%% of its bytes incompressible", dump.getFileName(), Bytes.format(dumpBytes), generator.rows()));

    shell.run("volume", "init", vol);
    String[] put = {"volume", "put", vol, "--name", "sales.sql", "--tag", "database=sales", dump.toString()};
    JsonNode first = backup(shell.run(put));

    BitSet changed = generator.changedRows();
    dumpBytes = generator.write(dump, changed);
    say("");
    say(String.format(Locale.ROOT, "changed %,d rows (%.1f%%) in %d places of %s", changed.cardinality(), 100.0 * changed.cardinality() / generator.rows(), DumpGenerator.CHANGED_PLACES, dump.getFileName()));

    JsonNode second = backup(shell.run(put));
    String secondId = second.get("id").asText();
    String ls = shell.run("volume", "ls", vol);
    String stats = shell.run("volume", "stats", vol);
    JsonNode listed = json() ? DemoShell.parse(ls) : shell.query("volume", "ls", vol);
    long firstStored = stored(listed, first.get("id").asText());
    long secondStored = stored(listed, secondId);
    say("");
    say(String.format(Locale.ROOT, "the second backup read %s but stored only %s: %s of the %s the first one stored", Bytes.format(dumpBytes), Bytes.format(secondStored), Bytes.percent(secondStored, firstStored), Bytes.format(firstStored)));

    String check = shell.run("volume", "check", vol, "--read-data");
    String restore = shell.run("volume", "restore", vol, secondId.substring(0, 12), restored.toString());
    String before = FileDigest.sha256(dump);
    String after = FileDigest.sha256(restored.resolve("sales.sql"));
    boolean identical = before.equals(after);
    double seconds = (System.nanoTime() - started) / 1e9;

    if (json()) {
      printJson(
          new Result(root.toString(), vol, PASSPHRASE, dumpBytes, generator.rows(), changed.cardinality(), first, second, listed, DemoShell.parse(stats), DemoShell.parse(check), DemoShell.parse(restore), before, after, identical, seconds));
    } else {
      say("");
      say("sha256 " + before + "  " + dump);
      say("sha256 " + after + "  " + restored.resolve("sales.sql"));
      say(identical ? "the restored dump is identical to the one backed up" : "THE RESTORED DUMP DIFFERS");
      say("");
      say(String.format(Locale.ROOT, "demo finished in %.1f s. To continue by hand:", seconds));
      nextSteps(root, vol, first.get("id").asText(), secondId);
    }
    return identical ? ExitCode.OK : ExitCode.FAILURE;
  }

  private void nextSteps(Path root, String vol, String firstId, String secondId) {
    say("  export " + Passphrases.VALUE + "=" + PASSPHRASE);
    say("  ./coffer volume ls " + vol);
    say("  ./coffer volume cat " + vol + " " + secondId.substring(0, 12) + ":sales.sql | head");
    say("  ./coffer volume forget " + vol + " " + firstId.substring(0, 12));
    say("  ./coffer volume prune " + vol + " --dry-run");
    say("  rm -r " + root + "    # when done");
  }

  /** A new directory named after the time, so runs never collide and are easy to tell apart. */
  private Path directory() throws IOException {
    Path base = (dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir).toAbsolutePath().normalize();
    Files.createDirectories(base);
    String name = "coffer-demo-" + STAMP.format(LocalDateTime.now());
    for (int n = 1; ; n++) {
      try {
        return Files.createDirectory(base.resolve(n == 1 ? name : name + "-" + n));
      } catch (FileAlreadyExistsException taken) {
        // Another run started within the same second; take the next suffix.
      }
    }
  }

  /** The commands get the demo passphrase through the environment, never as an argument. */
  private Environment demoEnvironment() {
    Map<String, String> vars = new HashMap<>(env().variables());
    vars.remove(Passphrases.FILE);
    vars.put(Passphrases.VALUE, PASSPHRASE);
    return env().withVariables(vars);
  }

  /** The result of {@code put}: its id in human mode, its JSON object in JSON mode. */
  private JsonNode backup(String putOutput) {
    if (json()) {
      return DemoShell.parse(putOutput);
    }
    return JsonOutput.MAPPER.createObjectNode().put("id", putOutput.strip());
  }

  private static long stored(JsonNode ls, String id) {
    for (JsonNode b : ls.get("backups")) {
      if (b.get("id").asText().equals(id)) {
        return b.get("stats").get("bytesStored").asLong();
      }
    }
    throw new IllegalStateException("backup " + id + " is missing from `volume ls`");
  }

  private void say(String line) {
    if (!json()) {
      out().println(line);
      out().flush();
    }
  }
}
