package io.coffer.catalog.oneoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneoffRepositoryTest extends CatalogTestBase {

  private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void add_plansABackupWithItsOwnRetention() {
    basics();

    Oneoff oneoff = catalog.oneoffs().add(NewOneoff.of("b1", "pg1", "v1", DatabaseSelector.of("sales"), AT)
        .tag("before-upgrade").retention(RetentionPeriod.parse("1 year")));

    assertThat(catalog.oneoffs().show(oneoff.id())).isEqualTo(oneoff);
    assertThat(oneoff.kind()).isEqualTo(Kind.FULL);
    assertThat(oneoff.tag()).isEqualTo("before-upgrade");
    assertThat(oneoff.retention()).hasToString("1 year");
    assertThat(oneoff.status()).isEqualTo(RunOnceStatus.WAITING);
  }

  @Test
  void due_listsWaitingOneoffsOfRunningNodesWhoseTimeHasCome() {
    basics();
    postgresNode("pg2");
    Oneoff due = catalog.oneoffs().add(NewOneoff.of("b1", "pg1", "v1", DatabaseSelector.of("a"), AT));
    catalog.oneoffs().add(NewOneoff.of("b1", "pg1", "v1", DatabaseSelector.of("b"), AT.plusSeconds(60)));
    catalog.oneoffs().add(NewOneoff.of("b1", "pg2", "v1", DatabaseSelector.of("c"), AT));
    catalog.nodes().update("pg2", new NodeUpdate().status(NodeStatus.DOWN));

    assertThat(catalog.oneoffs().due(AT)).extracting(Oneoff::id).containsExactly(due.id());
    catalog.oneoffs().setStatus(due.id(), RunOnceStatus.DONE);
    assertThat(catalog.oneoffs().due(AT)).isEmpty();
  }

  @Test
  void aWholeNodeKind_needsNoDatabases_andRefusesAChoiceOfThem() {
    basics();

    Oneoff physical = catalog.oneoffs().add(NewOneoff.of("b1", "pg1", "v1", null, AT).kind(Kind.PHYSICAL));
    assertThat(physical.databases()).hasToString(DatabaseSelector.ALL);
    assertThat(physical.kind()).isEqualTo(Kind.PHYSICAL);

    refused("databases", "sales",
        () -> catalog.oneoffs().add(NewOneoff.of("b1", "pg1", "v1", DatabaseSelector.of("sales"), AT).kind(Kind.PHYSICAL)));
    assertThat(refused("databases", "", () -> catalog.oneoffs().add(NewOneoff.of("b1", "pg1", "v1", null, AT))))
        .hasMessageContaining("a FULL one-off needs the databases to back up");
    assertThat(catalog.oneoffs().list()).extracting(Oneoff::id).containsExactly(physical.id());
  }

  @Test
  void aBadTag_isRefused() {
    refused("tag", "no spaces", () -> NewOneoff.of("b1", "pg1", "v1", DatabaseSelector.of("a"), AT).tag("no spaces"));
  }

  @Test
  void remove_withBackupsNeedsForce() {
    basics();
    Oneoff oneoff = catalog.oneoffs().add(NewOneoff.of("b1", "pg1", "v1", DatabaseSelector.of("a"), AT));
    var backup = catalog.backups().record(BackupStart.of("pg1", "v1", List.of("a"), Kind.FULL).oneoff(oneoff.id()),
        BackupResult.succeeded("m-9"));

    refused("one-off", Long.toString(oneoff.id()), () -> catalog.oneoffs().remove(oneoff.id(), false));
    assertThat(catalog.oneoffs().remove(oneoff.id(), true).backups()).singleElement()
        .satisfies(forgotten -> assertThat(forgotten.id()).isEqualTo(backup.id()));
    assertThat(catalog.oneoffs().list()).isEmpty();
  }
}
