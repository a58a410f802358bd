package io.coffer.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.cli.CliHarness;
import io.coffer.cli.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick starts run as written on a fresh catalog against the machine's PostgreSQL:
 * the code blocks are read from README.md, and only the host, the paths, the credential and the
 * database name (made unique so that runs at once do not meet) are substituted. {@code ./coffer}
 * runs in-process; the other programs of a line ({@code pg_dump}, {@code createdb}, {@code psql})
 * run as processes, joined by {@code |} and {@code &&} as a shell would.
 */
class ReadmeQuickStartTest {

  @TempDir Path tmp;
  @RegisterExtension final LocalPostgres pg = new LocalPostgres("coffer_readme_");
  /** What the quick starts' commands create from the database: dropped after the test as well. */
  final String check = pg.name("_check");
  final String copy = pg.name("_copy");
  String database;
  CliHarness cli;

  @BeforeEach
  void setUp() throws IOException, SQLException {
    database = pg.create("", "create table orders (id int primary key, customer text not null, total numeric(10,2))",
        "insert into orders select g, 'customer ' || (g % 97), g * 0.75 from generate_series(1, 5000) g");
    cli = new CliHarness(tmp.resolve("coffer"));
    Files.createDirectories(tmp.resolve("backups"));
  }

  @Test
  void bothQuickStarts_runAsWritten_onAFreshCatalog() throws Exception {
    Path passphrase = Files.writeString(tmp.resolve("volume-pass"), "a passphrase for the quick start\n");
    List<String> volumes = Readme.codeBlock(readme(), "## Volumes in five commands");
    List<String> databases = Readme.codeBlock(readme(), "## Databases in five commands");
    assertThat(volumes).hasSizeGreaterThanOrEqualTo(5);
    assertThat(databases).hasSizeGreaterThanOrEqualTo(5);

    List<String> volumeOutput = new ArrayList<>();
    for (String line : volumes) {
      volumeOutput.add(run(substitute(line, passphrase)));
    }
    assertThat(String.join("\n", volumeOutput)).contains(database + ".sql");
    assertThat(rows(check)).isEqualTo(rows(database)).isEqualTo("5000");

    List<String> databaseOutput = new ArrayList<>();
    for (String line : databases) {
      databaseOutput.add(run(substitute(line, passphrase)));
    }
    String all = String.join("\n", databaseOutput);
    assertThat(all).contains("[Done] backup 1 of node pg1 (" + database + ") SUCCEEDED").contains("SUCCEEDED")
        .contains(copy);
    assertThat(pg.exists(copy)).as("a dry run creates nothing").isFalse();
  }

  /** Only what differs from the README's machine: paths, host, credential and the database's name. */
  private String substitute(String line, Path passphrase) {
    return line.replace("~/.config/coffer/volume-pass", passphrase.toString())
        .replace("/backups/vol", tmp.resolve("backups").resolve("vol").toString())
        .replace("--host db1", "--host " + LocalPostgres.HOST)
        .replace("file:/etc/coffer/pg1.password", "none")
        .replaceAll("\\bsales\\b", database)
        .replace("sales_", database + "_");
  }

  /** Runs one README line; returns what its commands printed. */
  private String run(String line) throws Exception {
    StringBuilder printed = new StringBuilder();
    for (String command : Readme.split(line, "&&")) {
      byte[] piped = new byte[0];
      for (String stage : Readme.split(command, "|")) {
        List<String> words = Readme.words(stage);
        if (words.get(0).equals("export")) {
          String[] assignment = words.get(1).split("=", 2);
          cli.variable(assignment[0], assignment[1]);
          continue;
        }
        piped = words.get(0).equals("./coffer")
            ? coffer(line, words.subList(1, words.size()), piped, printed)
            : program(line, words, piped);
      }
      printed.append(new String(piped, StandardCharsets.UTF_8));
    }
    return printed.toString();
  }

  private byte[] coffer(String line, List<String> args, byte[] stdin, StringBuilder printed) {
    cli.stdin(stdin);
    Cli.Result r = cli.run(args.toArray(String[]::new));
    cli.stdin(new byte[0]);
    assertThat(r.code()).as("README line `%s` exited %d: %s", line, r.code(), r.err() + r.out()).isZero();
    printed.append(r.out()).append(r.err());
    return r.stdout();
  }

  private static byte[] program(String line, List<String> words, byte[] stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(words).redirectError(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("PGHOST", LocalPostgres.HOST);
    pb.environment().put("PGUSER", LocalPostgres.USER);
    Process p = pb.start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    }
    int code = p.waitFor();
    assertThat(code).as("README line `%s`: %s exited %d: %s", line, words.get(0), code,
        new String(err.get(), StandardCharsets.UTF_8)).isZero();
    return out.get();
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String readme() throws IOException {
    return Files.readString(Readme.root().resolve("README.md"));
  }

  private String rows(String db) throws SQLException {
    return pg.value(db, "select count(*) from orders");
  }
}
