package io.coffer.catalog.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.Removal;
import io.coffer.catalog.config.ConfigScope;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.model.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionRepositoryTest extends CatalogTestBase {

  @Test
  void add_takesWhatIsNotGivenFromTheNodesSettings() {
    basics();
    catalog.config().setForNode("pg1", "retention_period", "2 weeks");

    Definition definition = definition("pg1", "sales");

    assertThat(definition.kind()).isEqualTo(Kind.FULL);
    assertThat(definition.retention()).isEqualTo(RetentionPeriod.parse("2 weeks"));
    assertThat(definition.redundancy()).isEqualTo(new Redundancy(1));
    assertThat(definition.levels()).isEqualTo(LevelPlan.FULL_ONLY);
    assertThat(definition.status()).isEqualTo(DefinitionStatus.ACTIVE);
    assertThat(definition.expire()).isEmpty();
    assertThat(definition.agent()).isEqualTo("b1");
    assertThat(definition.volume()).isEqualTo("v1");
  }

  @Test
  void add_withoutMinuteOrHour_picksThemInsideTheNodesBackupWindow() {
    basics();
    catalog.config().setForNode("pg1", "backup_minute_window", "10-14");
    catalog.config().setForNode("pg1", "backup_hour_window", "22-1");

    for (int i = 0; i < 12; i++) {
      CronSpec schedule = definition("pg1", "db" + i).schedule();

      assertThat(Integer.parseInt(schedule.minute())).isBetween(10, 14);
      assertThat(schedule.hour()).isIn("22", "23", "0", "1");
      assertThat(schedule.dayOfMonth() + schedule.month() + schedule.dayOfWeek()).isEqualTo("***");
    }
  }

  @Test
  void add_keepsEverythingItIsGiven() {
    basics();

    Definition definition = catalog.definitions().add(NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.parse("sales_*"))
        .schedule(CronSpec.parse("41 1 * * 1-5")).kind(Kind.SCHEMA).levels(LevelPlan.parse("0,1,1"))
        .retention(RetentionPeriod.parse("1 month")).redundancy(new Redundancy(3)).expire(Expire.parse("1w 3d"))
        .keep(new KeepPolicy(7, 4, 12, 1)).extraParameters("--no-comments").verifyEvery(5).remarks("nightly"));

    assertThat(catalog.definitions().show(definition.id())).isEqualTo(definition);
    assertThat(definition.schedule()).hasToString("41 1 * * 1-5");
    assertThat(definition.expire()).contains(Expire.parse("1w 3d"));
    assertThat(definition.keep()).isEqualTo(new KeepPolicy(7, 4, 12, 1));
    assertThat(definition.verifyEvery()).isEqualTo(5);
  }

  @Test
  void add_withAnInvalidCron_isRefusedAndChangesNothing() {
    basics();

    refused("cron minute", "61", () -> catalog.definitions().add(
        NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.of("sales")).cron("61", "1", null, null, null)));
  }

  @Test
  void verification_ofADataDefinition_isRefusedWhenAddedAndWhenUpdated() {
    basics();

    var error = refused("verify-every", "3", () -> catalog.definitions().add(
        NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.of("sales")).kind(Kind.DATA).verifyEvery(3)));
    assertThat(error.getMessage()).contains("DATA definition").contains("FULL, SCHEMA or CLUSTER");

    Definition data = catalog.definitions().add(NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.of("sales"))
        .kind(Kind.DATA));
    refused("verify-every", "2", () -> catalog.definitions().update(data.id(), new DefinitionUpdate().verifyEvery(2)));
    Definition full = catalog.definitions().add(NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.of("stock"))
        .verifyEvery(2));
    refused("verify-every", "2", () -> catalog.definitions().update(full.id(), new DefinitionUpdate().kind(Kind.DATA)));
    assertThat(catalog.definitions().update(full.id(), new DefinitionUpdate().kind(Kind.DATA).verifyEvery(0)).kind())
        .isEqualTo(Kind.DATA);
  }

  @Test
  void add_refusesTheSameDatabasesOfANodeTwiceWithOneKind() {
    basics();
    long first = definition("pg1", "sales").id();

    var error = refused("databases", "sales", () -> definition("pg1", "sales"));

    assertThat(error.getMessage()).contains("definition " + first);
    assertThat(catalog.definitions().add(NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.of("sales"))
        .kind(Kind.SCHEMA)).kind()).isEqualTo(Kind.SCHEMA);
  }

  @Test
  void add_withUnknownReferences_namesEach() {
    basics();

    refused("agent", "b9", () -> catalog.definitions().add(NewDefinition.of("b9", "pg1", "v1", DatabaseSelector.of("x"))));
    refused("node", "pg9", () -> catalog.definitions().add(NewDefinition.of("b1", "pg9", "v1", DatabaseSelector.of("x"))));
    refused("volume", "v9", () -> catalog.definitions().add(NewDefinition.of("b1", "pg1", "v9", DatabaseSelector.of("x"))));
  }

  @Test
  void update_changesTheGivenFieldsAndKeepsTheRest() {
    basics();
    Definition definition = catalog.definitions().add(NewDefinition.of("b1", "pg1", "v1", DatabaseSelector.of("sales"))
        .schedule(CronSpec.parse("41 1 * * *")));

    Definition updated = catalog.definitions().update(definition.id(),
        new DefinitionUpdate().cron(null, "3", null, null, "0").redundancy(new Redundancy(2)).expire(Expire.parse("30d")));

    assertThat(updated.schedule()).hasToString("41 3 * * 0");
    assertThat(updated.redundancy().count()).isEqualTo(2);
    assertThat(updated.expire()).contains(Expire.parse("30d"));
    assertThat(updated.databases()).isEqualTo(definition.databases());
    refused("cron hour", "25", () -> catalog.definitions().update(definition.id(),
        new DefinitionUpdate().cron(null, "25", null, null, null)));
  }

  @Test
  void list_filtersByNodeAgentAndEffectiveStatus() {
    basics();
    agent("b2");
    postgresNode("pg2");
    Definition onPg1 = definition("pg1", "sales");
    Definition onPg2 = catalog.definitions().add(NewDefinition.of("b2", "pg2", "v1", DatabaseSelector.of("hr")));
    catalog.nodes().update("pg2", new NodeUpdate().status(NodeStatus.DOWN));

    assertThat(catalog.definitions().list(DefinitionFilter.all())).extracting(Definition::id)
        .containsExactly(onPg1.id(), onPg2.id());
    assertThat(catalog.definitions().list(DefinitionFilter.all().node("pg2"))).extracting(Definition::id)
        .containsExactly(onPg2.id());
    assertThat(catalog.definitions().list(DefinitionFilter.all().agent("b1"))).extracting(Definition::id)
        .containsExactly(onPg1.id());
    assertThat(catalog.definitions().list(DefinitionFilter.all().status(DefinitionStatus.ACTIVE)))
        .extracting(Definition::id).containsExactly(onPg1.id());
    assertThat(catalog.definitions().list(DefinitionFilter.all().status(DefinitionStatus.STOPPED)))
        .extracting(Definition::id).containsExactly(onPg2.id());
  }

  @Test
  void move_reassignsDefinitionsToAnotherAgent() {
    basics();
    agent("b2");
    Definition definition = definition("pg1", "sales");

    List<Definition> moved = catalog.definitions().move(List.of(definition.id()), "b2");

    assertThat(moved).extracting(Definition::agent).containsExactly("b2");
    refused("agent", "b9", () -> catalog.definitions().move(List.of(definition.id()), "b9"));
  }

  @Test
  void remove_withoutBackupsDeletesTheDefinition() {
    basics();
    Definition definition = definition("pg1", "sales");

    assertThat(catalog.definitions().remove(definition.id(), false)).isEqualTo(Removal.NOTHING);
    assertThat(catalog.definitions().list(DefinitionFilter.all())).isEmpty();
  }

  @Test
  void remove_withBackupsIsRefusedUnlessForced() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup first = succeededBackup(definition, "m-1");
    Backup second = succeededBackup(definition, "m-2");

    var error = refused("definition", Long.toString(definition.id()),
        () -> catalog.definitions().remove(definition.id(), false));
    assertThat(error.getMessage()).contains("is used by backups " + first.id() + ", " + second.id())
        .contains("use force");
  }

  @Test
  void remove_withForceForgetsTheBackupsAndReturnsTheirManifests() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup backup = succeededBackup(definition, "m-1");
    long restore = catalog.restoreDefinitions().add(NewRestoreDefinition.of(backup.id(), "b1", "pg1")).id();

    Removal removal = catalog.definitions().remove(definition.id(), true);

    assertThat(removal.backups()).singleElement().satisfies(forgotten -> {
      assertThat(forgotten.id()).isEqualTo(backup.id());
      assertThat(forgotten.manifestId()).isEqualTo("m-1");
      assertThat(forgotten.volume()).isEqualTo("v1");
      assertThat(forgotten.location()).isEqualTo("/srv/coffer/v1");
    });
    assertThat(removal.restoreDefinitions()).containsExactly(restore);
    assertThat(catalog.backups().list(BackupFilter.newest())).isEmpty();
    assertThat(catalog.definitions().list(DefinitionFilter.all())).isEmpty();
  }

  @Test
  void databasesWithoutADefinition_considerNamesPatternsAndAllDatabases() {
    basics();
    definition("pg1", "sales_*");
    definition("pg1", "hr");
    List<String> onNode = List.of("sales_eu", "hr", "crm", "audit", "template1");

    assertThat(catalog.definitions().withoutDefinition("pg1", onNode)).containsExactly("audit", "crm", "template1");

    definition("pg1", "#all_databases#,!audit");
    assertThat(catalog.definitions().withoutDefinition("pg1", onNode)).containsExactly("audit", "template1");
  }

  @Test
  void aDefaultKindChange_appliesToDefinitionsAddedAfterIt() {
    basics();
    catalog.config().setDefault(ConfigScope.NODE, "kind", "DATA");

    assertThat(definition("pg1", "sales").kind()).isEqualTo(Kind.DATA);
  }

  @Test
  void show_ofAnUnknownDefinition_saysHowManyExist() {
    basics();
    definition("pg1", "sales");

    var error = refused("definition", "999999", () -> catalog.definitions().show(999_999));

    assertThat(error.getMessage()).endsWith("does not exist; there is 1 definition; `coffer definition list` shows them");
  }
}
