package io.coffer.cli;

import io.coffer.model.Engine;
import io.coffer.repo.crypto.KdfParams;
import io.coffer.source.SourceDrivers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run of the {@code ./coffer} launcher: runs the everyday commands once, in a throwaway
 * home, so that the JVM can record the classes they load in a class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}) that every later command maps instead of loading and verifying
 * the same few thousand classes from the jar again.
 *
 * <p>Why: every command is a fresh JVM, and on two cores class loading (picocli, Jackson, JDBI,
 * Flyway, logback, the drivers) took about 0.7 s of each command's start. The archive is made once
 * per build; a command that needs a class the training did not load still loads it from the jar.
 *
 * <p>It changes nothing outside the directory it is given, and its outcome does not matter: the
 * launcher uses the archive when there is one and starts without it otherwise.
 */
public final class ClassArchiveTraining {

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws IOException {
    Path root = Files.createDirectories(Path.of(args[0]));
    Path data = database(root);
    Path volume = root.resolve("volume");
    Path config = Files.writeString(root.resolve("coffer.yaml"), "");
    // The drivers of the server engines cannot run here; loading them is what the archive needs.
    for (Engine engine : Engine.values()) {
      if (engine.isDatabase()) {
        SourceDrivers.forEngine(engine);
      }
    }
    loadPackages(List.of("io/coffer/", "org/postgresql/", "org/mariadb/jdbc/", "org/yaml/snakeyaml/"));
    Environment environment = environment(root, config, "class-archive-training");
    run(environment, List.of(
        List.of("volume", "init", volume.toString()),
        List.of("agent", "add", "training"),
        List.of("volume", "add", "training", volume.toString()),
        List.of("node", "add", "files", "--engine", "sqlite", "--data-directory", data.toString()),
        List.of("backup", "run", "--node", "files", "--database", "training.db"),
        List.of("backup", "list"),
        List.of("backup", "show", "1", "--json"),
        List.of("backup", "contents", "1"),
        List.of("restore", "run", "1", "--target-node", "files", "--target-database", "copy.db"),
        List.of("backup", "verify", "1"),
        List.of("node", "add", "tree", "--engine", "filesystem", "--data-directory", data.toString()),
        List.of("backup", "run", "--node", "tree", "--kind", "FILES"),
        List.of("backup", "contents", "2"),
        List.of("restore", "run", "2", "--target-dir", root.resolve("restored").toString()),
        List.of("volume", "ls", volume.toString()),
        List.of("volume", "check", volume.toString()),
        List.of("stats")));
  }

  /** A directory {@code data} under {@code root} with a small SQLite database, training.db; returns the directory. */
  static Path database(Path root) throws IOException {
    Path data = Files.createDirectories(root.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("training.db"));
        Statement s = c.createStatement()) {
      s.execute("create table item (id integer primary key, name text, price real)");
      s.execute("insert into item (name, price) values ('a', 1.5), ('b', 2.5)");
    } catch (SQLException e) {
      throw new IOException("the training's database cannot be written in " + data, e);
    }
    return data;
  }

  /**
   * The environment of a training's commands: a home under {@code root}, the agent {@code training},
   * a cheap key derivation, no prompt, output thrown away.
   */
  static Environment environment(Path root, Path config, String passphrase) {
    Map<String, String> variables = new HashMap<>();
    variables.put("COFFER_HOME", root.resolve("home").toString());
    variables.put("COFFER_CONFIG", config.toString());
    variables.put("COFFER_AGENT", "training");
    variables.put("COFFER_PASSWORD", passphrase);
    return Environment.system().withVariables(variables)
        .withStdout(OutputStream.nullOutputStream()).withPrompt(java.util.Optional.empty())
        .withKdf(KdfParams.argon2id(8 * 1024, 1, 1));
  }

  /** Runs each command as {@code coffer} would; returns how many did not exit 0. */
  static int run(Environment environment, List<List<String>> commands) {
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
    int failed = 0;
    for (List<String> command : commands) {
      var line = CofferCommand.newCommandLine(environment);
      line.setOut(quiet);
      line.setErr(quiet);
      failed += line.execute(command.toArray(String[]::new)) == 0 ? 0 : 1;
    }
    return failed;
  }

  /**
   * Loads (without initialising) every class of the jar under these packages. A PostgreSQL or
   * MariaDB backup loaded some 250 classes of its JDBC driver and Coffer's sources from the jar at
   * every start, since no server runs here to train against; loaded classes go into the archive too.
   * A class that cannot load here (an optional dependency missing) is left to load at run time.
   */
  private static void loadPackages(List<String> prefixes) throws IOException {
    java.security.CodeSource source = ClassArchiveTraining.class.getProtectionDomain().getCodeSource();
    if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
      return; // classes from a directory (tests): nothing is archived
    }
    ClassLoader loader = ClassArchiveTraining.class.getClassLoader();
    Path jarFile;
    try {
      jarFile = Path.of(source.getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      return;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(jarFile.toFile())) {
      for (var entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.endsWith(".class") && !name.contains("-") && prefixes.stream().anyMatch(name::startsWith)) {
          try {
            Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
          } catch (LinkageError | ClassNotFoundException e) {
            // not needed by what runs here, or not loadable without a library Coffer does not ship
          }
        }
      }
    }
  }
}
