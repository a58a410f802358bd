package io.coffer.cli.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli.Result;
import io.coffer.cli.CliHarness;
import io.coffer.testing.ThrowawayPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PHYSICAL backups of a PostgreSQL cluster with a tablespace outside its data directory: the
 * tablespace is stored as a tree of its own (and read against the parent's at level 1), restored
 * into the directory asked for or beside the original, and the restored data directory's
 * {@code pg_tblspc} symlink points at the copy, never at the original; verification restores it too.
 */
class PhysicalTablespaceTest {

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
  private static ThrowawayPostgres cluster;
  private static Path location;
  @TempDir Path tmp;
  CliHarness cli;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ThrowawayPostgres(ThrowawayPostgres.newestInstalled());
    location = Files.createTempDirectory("coffer-tablespace-");
    Files.setPosixFilePermissions(location, PosixFilePermissions.fromString("rwx------"));
    if (ROOT) {
      CopyOfACluster.run("chown", "postgres:postgres", location.toString());
    }
    CopyOfACluster.sql(cluster.port(), "CREATE TABLESPACE fast LOCATION '" + location + "'",
        "CREATE TABLE hot (id int PRIMARY KEY USING INDEX TABLESPACE fast, note text) TABLESPACE fast",
        "INSERT INTO hot SELECT g, md5(g::text) FROM generate_series(1, 3000) g",
        "CREATE TABLE cold AS SELECT g AS id FROM generate_series(1, 1000) g", "CHECKPOINT");
  }

  @AfterAll
  static void removeCluster() throws Exception {
    cluster.close();
    try (Stream<Path> beside = Files.list(location.getParent())) {
      for (Path p : beside.filter(p -> p.getFileName().toString().startsWith(location.getFileName().toString()))
          .toList()) {
        CopyOfACluster.run("rm", "-rf", "--", p.toString());
      }
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    cli = CopyOfACluster.harness(tmp, cluster.port());
  }

  @Test
  void tablespace_isBackedUpAsItsOwnTree_andRestoredWhereAsked_withTheSymlinkPointingAtTheCopy() throws Exception {
    cli.ok("definition", "add", "--node", "pg", "--kind", "PHYSICAL", "--level-plan", "0,1", "--cron", "0 1 * * *");
    assertThat(cli.ok("backup", "run", "1").out()).contains("SUCCEEDED: PHYSICAL level 0");
    assertThat(cli.ok("backup", "show", "1").out()).containsPattern("Tablespaces +fast \\(\\d+\\) " + location
        + ": [1-9]\\d* files");
    CopyOfACluster.sql(cluster.port(), "INSERT INTO hot SELECT g, 'after level 0' FROM generate_series(3001, 3100) g");
    assertThat(cli.ok("backup", "run", "1").out()).contains("SUCCEEDED: PHYSICAL level 1");
    String oid = oid(cli.ok("backup", "show", "2").out());

    assertThat(cli.ok("backup", "verify", "2").out()).contains("[PASSED]");

    Path data = tmp.resolve("level1");
    Path copy = tmp.resolve("fast-copy");
    Result dry = cli.ok("restore", "run", "2", "--target-dir", data.toString(), "--tablespace-map", "fast=" + copy,
        "--dry-run");
    assertThat(dry.out()).contains("tablespace fast").contains(copy.toString());
    assertThat(data).doesNotExist();
    assertThat(copy).doesNotExist();

    cli.ok("restore", "run", "2", "--target-dir", data.toString(), "--tablespace-map", "fast=" + copy);
    Path link = data.resolve("pg_tblspc").resolve(oid);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(copy);
    assertThat(data.resolve("tablespace_map")).doesNotExist();
    assertThat(CopyOfACluster.count(cluster.bin(), data, "hot", "cold")).containsExactly("3100", "1000");
    assertThat(Files.readSymbolicLink(link)).isEqualTo(copy);

    // By OID, and by default beside the original directory under the backup's time.
    Path byOid = tmp.resolve("by-oid");
    cli.ok("restore", "run", "1", "--target-dir", tmp.resolve("level0").toString(), "--tablespace-map",
        oid + "=" + byOid);
    assertThat(CopyOfACluster.count(cluster.bin(), tmp.resolve("level0"), "hot")).containsExactly("3000");
    Path beside = tmp.resolve("beside");
    Result byDefault = cli.ok("restore", "run", "1", "--target-dir", beside.toString());
    Path sibling = Files.readSymbolicLink(beside.resolve("pg_tblspc").resolve(oid));
    assertThat(sibling.getParent()).isEqualTo(location.getParent());
    assertThat(sibling.getFileName().toString()).matches(Pattern.quote(location.getFileName().toString())
        + "_\\d{8}T\\d{6}");
    assertThat(byDefault.out()).contains("tablespace fast (" + location + ") into directory " + sibling)
        .contains("pg_tblspc/" + oid + " will point to " + sibling);
  }

  @Test
  void badTablespaceMaps_areRefusedNamingTheField_andNothingIsWritten() throws IOException {
    assertThat(cli.ok("backup", "run", "--node", "pg", "--kind", "PHYSICAL").out())
        .contains("SUCCEEDED: PHYSICAL level 0");
    Path data = tmp.resolve("restored");

    Result unknown = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "slow=" + tmp.resolve("slow"));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("tablespace-map").contains("slow").contains("has no tablespace of that name")
        .contains("fast (");

    Result relative = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "fast=relative/dir");
    assertThat(relative.code()).isEqualTo(2);
    assertThat(relative.err()).contains("tablespace-map").contains("an absolute directory");

    Path occupied = Files.createDirectories(tmp.resolve("occupied"));
    Files.writeString(occupied.resolve("keep.txt"), "mine");
    Result full = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "fast=" + occupied);
    assertThat(full.code()).isEqualTo(2);
    assertThat(full.err()).contains("tablespace-map").contains("not empty");

    Result inside = cli.run("restore", "run", "1", "--target-dir", data.toString(), "--tablespace-map",
        "fast=" + data.resolve("ts"));
    assertThat(inside.code()).isEqualTo(2);
    assertThat(inside.err()).contains("tablespace-map").contains("overlaps the data directory");

    Result scheduled = cli.run("restore", "add", "1", "--target-node", "pg", "--target-dir",
        data.toString(), "--tablespace-map", "fast=" + tmp.resolve("x"));
    assertThat(scheduled.code()).isEqualTo(2);
    assertThat(scheduled.err()).contains("tablespace-map");

    assertThat(data).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("slow", "x");
    }
    try (Stream<Path> listing = Files.list(occupied)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
    }
  }

  private static String oid(String show) {
    Matcher m = Pattern.compile("Tablespaces +fast \\((\\d+)\\)").matcher(show);
    assertThat(m.find()).as("backup show names the tablespace: %s", show).isTrue();
    return m.group(1);
  }
}
