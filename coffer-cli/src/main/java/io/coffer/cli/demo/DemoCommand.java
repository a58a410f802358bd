package io.coffer.cli.demo;

import io.coffer.catalog.backup.Backup;
import io.coffer.cli.CommandBase;
import io.coffer.cli.Environment;
import io.coffer.cli.ExitCode;
import io.coffer.cli.options.SizeConverter;
import io.coffer.cli.output.Bytes;
import io.coffer.cli.passphrase.Passphrases;
import io.coffer.engine.Coffer;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.engine.demo.SampleDatabase;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer demo}: the main job on embedded defaults, start to end, with nothing to install.
 *
 * <p>Each run works in a new directory holding the sample database, the volume, the catalog and a
 * {@code coffer.yaml}; the commands run with that configuration only (no {@code COFFER_*} variable
 * of the caller leaks in), so the demo never touches a real catalog and can be run again.
 */
@Command(
    name = "demo",
    description = {
      "Demonstrate Coffer on a sample SQLite database of about 50 MB; no server needed.",
      "It registers a node and a definition, backs up, changes 1%% of the rows, backs up again, lists, checks,",
      "restores and compares."
    })
public final class DemoCommand extends CommandBase {

  /** Fixed and printed: the demo volume protects nothing and must be easy to open by hand. */
  static final String PASSPHRASE = "coffer-demo";

  private static final long SEED = 20261122L;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where to create the demo's own new subdirectory (default: the system's temporary directory).")
  Path dir;

  @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "50M",
      description = "Size of the sample database (default: ${DEFAULT-VALUE}).")
  long size;

  /** What {@code --json} prints. */
  record Result(String directory, String config, long databaseBytes, int changedRows, long firstStored,
      long secondStored, double secondOverFirst, boolean checked, List<Comparison.Table> tables, String sourceChecksum,
      String restoredChecksum, boolean equal, double seconds) {}

  @Override
  public Integer call() throws IOException {
    if (size < (1 << 20) || size > (1L << 32)) {
      throw badValue("option '--size'", typed("--size", size), "use 1M … 4G");
    }
    long started = System.nanoTime();
    Path root = directory();
    Path data = Files.createDirectories(root.resolve("data"));
    Path config = writeConfig(root);
    Environment demo = demoEnvironment(config);
    DemoShell shell = new DemoShell(demo, out(), err(), json());

    say("Coffer demo: a sample shop database is backed up twice into an encrypted, deduplicated volume,");
    say("with 1% of its rows changed in between; then the volume is checked, the latest backup restored");
    say("into a new file and compared with the database. Everything lives in one new directory:");
    say("");
    say("  demo directory: " + root);
    say("  configuration:  " + config + " (catalog and state in " + root.resolve("home") + ")");
    say("  passphrase:     the fixed demo passphrase \"" + PASSPHRASE + "\", given to commands as " + Passphrases.VALUE);

    SampleDatabase shop = SampleDatabase.ofSize(SEED, size);
    Path database = data.resolve("shop.db");
    shop.create(database);
    long databaseBytes = Files.size(database);
    say("");
    say(String.format(Locale.ROOT, "wrote %s: %s, customers, products, %,d orders and their items", database,
        Bytes.format(databaseBytes), shop.orders()));

    String volume = root.resolve("volume").toString();
    shell.run("volume", "init", volume);
    shell.run("volume", "add", "demo", volume, "--remarks", "the demo's volume");
    shell.run("agent", "add", "demo-agent", "--remarks", "this host, as the demo's agent");
    shell.run("node", "add", "shop", "--engine", "sqlite", "--data-directory", data.toString());
    shell.run("definition", "add", "--node", "shop", "--databases", "shop.db", "--cron", "0 2 * * *",
        "--level-plan", "0,1,1,1,1,1,1", "--retention", "7 days", "--redundancy", "2");
    shell.run("backup", "run", "1");

    int changed = shop.ship(database, 0.01);
    say("");
    say(String.format(Locale.ROOT, "a day of business: the newest %,d orders shipped, so 1%% of all rows changed",
        changed));

    shell.run("backup", "run", "1");
    shell.run("backup", "list");
    shell.run("stats");
    shell.run("volume", "check", "demo", "--read-data");
    shell.run("restore", "run", "2", "--target-node", "shop", "--target-database", "shop-restored.db");
    say("");
    say("a one-off backup planned for now, carried out by a short-lived agent (the long-lived one runs as a");
    say("service: coffer agent run), then the job queue:");
    shell.run("oneoff", "add", "--node", "shop", "--databases", "shop.db", "--at", "now", "--tag", "demo");
    shell.run("agent", "run", "--exit-when-idle");
    shell.run("job", "list");

    try (Coffer coffer = Coffer.open(new ConfigLoader(demo.variables(), root, root.resolve("none.yaml")).load(),
        location -> PASSPHRASE.toCharArray())) {
      Backup first = coffer.backups().show(1);
      Backup second = coffer.backups().show(2);
      double ratio = first.bytesStored() == 0 ? 0 : (double) second.bytesStored() / first.bytesStored();
      say("");
      say(String.format(Locale.ROOT, "the level-1 backup read %s and stored %s: %.1f%% of the %s the level-0 backup stored",
          Bytes.format(second.bytesRead()), Bytes.format(second.bytesStored()), 100 * ratio,
          Bytes.format(first.bytesStored())));
      Comparison comparison = Comparison.of(coffer.nodes().contents("shop", "shop.db"),
          coffer.nodes().contents("shop", "shop-restored.db"));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (json()) {
        printJson(new Result(root.toString(), config.toString(), databaseBytes, changed, first.bytesStored(),
            second.bytesStored(), ratio, true, comparison.tables(), comparison.sourceChecksum(),
            comparison.restoredChecksum(), comparison.equal(), seconds));
      } else {
        say("");
        say("shop.db compared with shop-restored.db, table by table (row counts and content checksums):");
        comparison.print(out());
        say(comparison.equal() ? "the restored database equals the one backed up"
            : "THE RESTORED DATABASE DIFFERS FROM THE ONE BACKED UP");
        say("");
        say(String.format(Locale.ROOT, "demo finished in %.1f s. To continue by hand:", seconds));
        nextSteps(root, config);
      }
      return comparison.equal() ? ExitCode.OK : ExitCode.FAILURE;
    }
  }

  private void nextSteps(Path root, Path config) {
    say("  export COFFER_CONFIG=" + config + " " + Passphrases.VALUE + "=" + PASSPHRASE);
    say("  ./coffer backup show 2");
    say("  ./coffer backup contents 2");
    say("  ./coffer node databases shop");
    say("  ./coffer restore run 1 --target-node shop --target-database shop-monday.db --dry-run");
    say("  ./coffer shell");
    say("  rm -r " + root + "    # when done");
  }

  /** The demo's own configuration file: everything the commands need, in the demo directory. */
  private static Path writeConfig(Path root) throws IOException {
    return Files.writeString(root.resolve("coffer.yaml"), String.join("\n",
        "# Written by coffer demo: the catalog and Coffer's state live beside this file.",
        "home: " + root.resolve("home"),
        "agent: demo-agent",
        "volume:",
        "  default: demo",
        ""));
  }

  /**
   * The environment of the demo's commands: the caller's, less every {@code COFFER_*} variable
   * (so no real catalog or volume is touched), plus the demo's configuration and passphrase.
   */
  private Environment demoEnvironment(Path config) {
    Map<String, String> vars = new HashMap<>(env().variables());
    vars.keySet().removeIf(name -> name.startsWith("COFFER_"));
    vars.put(ConfigLoader.CONFIG_VARIABLE, config.toString());
    vars.put(Passphrases.VALUE, PASSPHRASE);
    return env().withVariables(vars);
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

  private void say(String line) {
    if (!json()) {
      out().println(line);
      out().flush();
    }
  }
}
