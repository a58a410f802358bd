package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;
import io.coffer.model.ExistingPolicy;
import io.coffer.model.Kind;
import io.coffer.model.RolePolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad requests are refused when built, with a message naming the field, the value and what is accepted. */
class RequestValidationTest {

  private final NodeAccess pg = NodeAccess.postgresql("db1", 5432, "postgres", CredentialReference.none());

  @Test
  void jobsBelowOne_isRefused() {
    assertThatThrownBy(() -> new BackupRequest(pg, MemberSelector.one("app"), Kind.FULL, 0))
        .hasMessage("jobs must be >= 1, got 0");
    assertThatThrownBy(() -> RestoreRequest.to(pg).withJobs(-2)).hasMessage("jobs must be >= 1, got -2");
  }

  @Test
  void clusterKind_acceptsOnlyAllDatabases() {
    assertThat(new BackupRequest(pg, null, Kind.CLUSTER, 1).databases().isAll()).isTrue();
    assertThatThrownBy(() -> new BackupRequest(pg, MemberSelector.one("app"), Kind.CLUSTER, 1))
        .hasMessageContaining("kind CLUSTER backs up every database")
        .hasMessageContaining("#all_databases#")
        .hasMessageContaining("got app");
  }

  @Test
  void skippingRoles_isRefused_untilADriverCarriesItOut() {
    assertThatThrownBy(() -> RestoreRequest.to(pg).withRoles(RolePolicy.SKIP))
        .hasMessage("roles SKIP is not carried out by the drivers yet; accepted: REUSE_EXISTING or FAIL_ON_EXISTING");
    assertThat(RestoreRequest.to(pg).withRoles(RolePolicy.FAIL_ON_EXISTING).roles()).isEqualTo(RolePolicy.FAIL_ON_EXISTING);
  }

  @Test
  void node_isValidatedPerEngine() {
    assertThatThrownBy(() -> NodeAccess.postgresql("db1", 70000, "postgres", null))
        .hasMessage("node port must be 1..65535, got 70000");
    assertThatThrownBy(() -> NodeAccess.mariadb(" ", 3306, "root", null)).hasMessageContaining("node host is required");
    assertThatThrownBy(() -> new NodeAccess(Engine.SQLITE, null, 0, null, null, null))
        .hasMessageContaining("data directory");
    assertThat(NodeAccess.sqlite(Path.of("/data")).label()).isEqualTo("/data");
  }

  @Test
  void engine_namesTheAcceptedValues() {
    assertThat(Engine.of("PostgreSQL")).isEqualTo(Engine.POSTGRESQL);
    assertThatThrownBy(() -> Engine.of("oracle"))
        .hasMessage("engine must be one of postgresql, mariadb, sqlite, filesystem, got 'oracle'");
  }

  @Test
  void restoreRequest_refusesANameAndATimestampTogether() {
    assertThatThrownBy(() -> new RestoreRequest(pg, null, "x", true, null, null, false, 1, false, false, null, null))
        .hasMessageContaining("either a target database name or a timestamped name");
    RestoreRequest defaults = RestoreRequest.to(pg);
    assertThat(defaults.conflict()).isEqualTo(ExistingPolicy.REFUSE);
    assertThat(defaults.roles()).isEqualTo(RolePolicy.REUSE_EXISTING);
    assertThat(defaults.terminateConnections()).isFalse();
    assertThat(defaults.dryRun()).isFalse();
    assertThat(defaults.targetName()).isEqualTo(pg.label());
    assertThat(defaults.run()).matches("[a-z0-9]{8}").isNotEqualTo(RestoreRequest.to(pg).run());
    assertThatThrownBy(() -> defaults.withRun("Coffer run"))
        .hasMessage("run name \"Coffer run\" is not valid; accepted: 1 to 24 lower-case letters, digits and _");
  }

  @Test
  void credentialReference_needsItsReference_andNeverHoldsASecret() {
    assertThatThrownBy(() -> CredentialReference.of(CredentialReference.Source.ENVIRONMENT, null))
        .hasMessageContaining("needs a reference");
    assertThat(CredentialReference.environment("PGPW").toString()).as("the one spelling, as the catalog stores it").isEqualTo("env:PGPW");
  }

  @Test
  void pgpassLookup_matchesExactlyWithWildcards(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = dir.resolve("pgpass");
    java.nio.file.Files.writeString(file,
        "# comment\nother:5432:*:postgres:nope\ndb1:5432:app:postgres:exact\ndb1:*:*:postgres:we\\:ird\\\\pw\n");
    CredentialReference ref = CredentialReference.pgpass(file);
    assertThat(Passwords.of(ref, "db1", 5432, "app", "postgres")).contains("exact");
    assertThat(Passwords.of(ref, "db1", 5432, "other", "postgres")).contains("we:ird\\pw");
    assertThat(Passwords.of(ref, "db1", 5432, "app", "someone")).isEmpty();
  }

  @Test
  void selector_resolvesNamesPatternsAndExclusions() throws Exception {
    List<String> node = List.of("app", "app_ro", "billing", "postgres", "scratch_1");
    assertThat(MemberSelector.one("app").resolve(node, "n")).containsExactly("app");
    assertThat(MemberSelector.pattern("app*", List.of()).resolve(node, "n")).containsExactly("app", "app_ro");
    assertThat(MemberSelector.all(List.of("scratch_*", "postgres")).resolve(node, "n"))
        .containsExactly("app", "app_ro", "billing");
    assertThatThrownBy(() -> MemberSelector.list(List.of("app", "gone")).resolve(node, "db1:5432"))
        .isInstanceOfSatisfying(SourceException.class,
            e -> assertThat(e.reason()).isEqualTo(SourceException.Reason.NO_SUCH_DATABASE))
        .hasMessage("database 'gone' does not exist on node db1:5432");
    assertThatThrownBy(() -> MemberSelector.pattern("zz*", List.of()).resolve(node, "db1:5432"))
        .hasMessage("no database on node db1:5432 matches zz*");
    assertThatThrownBy(() -> new MemberSelector(List.of("a"), null, List.of("b")))
        .hasMessageContaining("exclusions apply to a pattern");
  }

  @Test
  void restoreNames_areTheBackupsNamesTheGivenNameOrTimestamped() throws Exception {
    BackupReport two = new BackupReport(1, Engine.POSTGRESQL, Kind.FULL, "n", "15.20", "pg_dump 15.20",
        Instant.parse("2025-03-04T05:06:07Z"), Instant.parse("2025-03-04T05:07:00Z"), "", List.of(),
        List.of(new MemberReport("a", 0, List.of(), List.of()), new MemberReport("b", 0, List.of(), List.of())),
        List.of());
    assertThat(RestoreNames.targets(two, RestoreRequest.to(pg))).containsExactly("a", "b");
    assertThat(RestoreNames.targets(two, RestoreRequest.to(pg).withTimestamped()))
        .containsExactly("a_20250304T050607", "b_20250304T050607");
    assertThatThrownBy(() -> RestoreNames.targets(two, RestoreRequest.to(pg).withTargetDatabase("x")))
        .hasMessageContaining("names one database, but the backup holds 2 (a, b)");
  }
}
