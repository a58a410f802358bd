package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.ContentCheck;
import io.coffer.source.Listener;
import io.coffer.source.MemberReport;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceJson;
import io.coffer.source.TableReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Back up a database that uses every common feature, drop it and its roles, restore it under another
 * name, and compare the two canonically.
 */
class PostgresFidelityTest {

  private final PgServer pg = new PgServer();
  private final PostgresDriver driver = new PostgresDriver();

  @AfterEach
  void cleanUp() throws Exception {
    pg.close();
  }

  static String script(String resource, String prefix, String db) throws IOException {
    try (InputStream in = PostgresFidelityTest.class.getResourceAsStream("/postgres/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${p}", prefix)
          .replace("${db}", "\"" + db + "\"");
    }
  }

  /** Creates the fidelity roles and a database using every feature; returns its name. */
  static String createFidelityDatabase(PgServer pg, String suffix) throws Exception {
    String db = pg.name(suffix);
    pg.execute("postgres", script("roles.sql", pg.prefix, db));
    pg.execute("postgres", "CREATE DATABASE \"" + db + "\"");
    pg.execute("postgres", script("database.sql", pg.prefix, db));
    pg.execute(db, script("schema.sql", pg.prefix, db));
    return db;
  }

  @Test
  void fullBackup_restoredUnderAnotherNameAfterDroppingItsRoles_isCanonicallyEqual() throws Exception {
    String src = createFidelityDatabase(pg, "src");
    List<String> captured =
        List.of(pg.name("Ünï ro"), pg.name("app"), pg.name("owner"), pg.name("ro"), pg.name("user"));
    PgCanon before = PgCanon.of(pg, driver, src);
    List<String> rolesBefore = PgCanon.roles(pg, captured);

    MemoryStreams streams = new MemoryStreams();
    BackupReport report =
        driver.backup(new BackupRequest(pg.node(), MemberSelector.one(src), Kind.FULL, 3), streams, new Listener());

    // Exact role matching: user_ro and auditor have nothing in this database (PgBackMan #18).
    assertThat(report.roles()).containsExactlyInAnyOrderElementsOf(captured);
    MemberReport member = report.members().get(0);
    assertThat(member.tables()).extracting(t -> t.qualifiedName())
        .contains("app.everything", "app.measurements_eu", "Ünïcödé.Tåble ✓", "app.scratch")
        .doesNotContain("app.measurements", "app.big_customers");
    assertThat(member.tables()).filteredOn(TableReport::binary).extracting(TableReport::qualifiedName)
        .containsExactly("app.binary_rows", "app.events", "app.events_child");
    assertThat(ContentCheck.differences(member.tables(), driver.contents(pg.node(), src, member.tables()))).isEmpty();
    // Read as text, a binary table's checksum is another one: the form is part of what was recorded.
    assertThat(ContentCheck.differences(member.tables(), before.contents()))
        .containsExactly("table app.binary_rows has different content (checksum differs)",
            "table app.events has different content (checksum differs)",
            "table app.events_child has different content (checksum differs)");
    assertThat(streams.names()).contains(src + "/tables/\"Ünïcödé\".\"Tåble ✓\".copy");
    assertThat(SourceJson.mapper().writeValueAsString(report)).doesNotContain("SCRAM-SHA-256");

    pg.execute("postgres", "DROP DATABASE \"" + src + "\"");
    for (String role : captured) {
      pg.execute("postgres", "DROP ROLE \"" + role + "\"");
    }

    String dst = pg.name("dst");
    Listener listener = new Listener();
    RestoreReport restored =
        driver.restore(report, RestoreRequest.to(pg.node()).withTargetDatabase(dst).withJobs(3), streams, listener);

    assertThat(restored.rolesCreated()).containsExactlyInAnyOrderElementsOf(captured);
    assertThat(listener.plans.get(0).render()).contains("create role " + pg.name("owner"), "create database " + dst + " from " + src);
    PgCanon after = PgCanon.of(pg, driver, dst);
    assertThat(after.schema()).isEqualTo(before.schema());
    assertThat(after.contents()).isEqualTo(before.contents());
    assertThat(ContentCheck.differences(member.tables(), driver.contents(pg.node(), dst, member.tables()))).isEmpty();
    assertThat(after.sequences()).isEqualTo(before.sequences());
    assertThat(after.largeObjects()).isEqualTo(before.largeObjects());
    assertThat(after.materializedViews()).isEqualTo(before.materializedViews());
    assertThat(after.properties()).isEqualTo(before.properties());
    assertThat(after.settings()).isEqualTo(before.settings());
    assertThat(PgCanon.roles(pg, captured)).isEqualTo(rolesBefore);
    assertThat(pg.databases()).containsExactly(dst);
  }
}
