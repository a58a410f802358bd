package io.coffer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.NodeStatus;
import io.coffer.catalog.node.NodeUpdate;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.catalog.schedule.CronSpec;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.catalog.time.TimeLength;
import io.coffer.catalog.volume.NewVolume;
import io.coffer.model.Kind;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bad input issue 3 lists, one test each, through the catalog as an interface would call it:
 * the error names the field, the value and what is accepted, and the catalog is unchanged.
 */
class BadInputTest extends CatalogTestBase {

  private long definition;

  @BeforeEach
  void someCatalog() {
    basics();
    definition = definition("pg1", "sales").id();
  }

  @Test
  void invalidCron() {
    var error = refused("cron", "41 1 * *", () -> catalog.definitions().update(definition,
        new DefinitionUpdate().schedule(CronSpec.parse("41 1 * *"))));

    assertThat(error.getMessage()).contains("accepted: five fields: minute (0-59), hour (0-23)");
  }

  @Test
  void expire_1w3d4h5mIsAcceptedAnd3FortnightsIsNot() {
    assertThat(catalog.definitions().update(definition, new DefinitionUpdate().expire(Expire.parse("1w 3d 4h 5m")))
        .expire()).map(Expire::toString).contains("1w 3d 4h 5m");

    var error = refused("expire", "3 fortnights", () -> catalog.definitions().update(definition,
        new DefinitionUpdate().expire(Expire.parse("3 fortnights"))));

    assertThat(error.getMessage()).endsWith("accepted: " + TimeLength.ACCEPTED);
  }

  @Test
  void retentionPeriods_7Days2Weeks1MonthAreAcceptedOthersNot() {
    for (String period : List.of("7 days", "2 weeks", "1 month")) {
      assertThat(catalog.definitions().update(definition,
          new DefinitionUpdate().retention(RetentionPeriod.parse(period))).retention()).hasToString(period);
    }

    var error = refused("retention", "7 dayz", () -> catalog.definitions().update(definition,
        new DefinitionUpdate().retention(RetentionPeriod.parse("7 dayz"))));

    assertThat(error.getMessage()).contains("unknown unit \"dayz\"").endsWith("accepted: " + TimeLength.ACCEPTED);
  }

  @Test
  void redundancyBelowOne() {
    var error = refused("redundancy", "0", () -> catalog.definitions().update(definition,
        new DefinitionUpdate().redundancy(new Redundancy(0))));

    assertThat(error.getMessage()).isEqualTo("redundancy \"0\" is not valid; accepted: a whole number ≥ 1");
  }

  @Test
  void unknownNode() {
    refused("node", "pg9", () -> catalog.definitions().add(NewDefinition.of("b1", "pg9", "v1", DatabaseSelector.of("x"))));
  }

  @Test
  void unknownAgent() {
    refused("agent", "b9", () -> catalog.definitions().add(NewDefinition.of("b9", "pg1", "v1", DatabaseSelector.of("x"))));
  }

  @Test
  void unknownVolume() {
    refused("volume", "v9", () -> catalog.definitions().add(NewDefinition.of("b1", "pg1", "v9", DatabaseSelector.of("x"))));
  }

  @Test
  void unknownDefinition() {
    var error = refused("definition", "4242", () -> catalog.definitions().remove(4242, true));

    assertThat(error.getMessage()).isEqualTo(
        "definition \"4242\" does not exist; there is 1 definition; `coffer definition list` shows them");
  }

  @Test
  void unknownBackup_saysHowManyThereAreAndWhichCommandListsThem() {
    Definition sales = catalog.definitions().show(definition);
    succeededBackup(sales, "m1");
    succeededBackup(sales, "m2");

    var error = refused("backup", "99", () -> catalog.backups().show(99));

    assertThat(error.getMessage())
        .isEqualTo("backup \"99\" does not exist; there are 2 backups; `coffer backup list` shows them");
  }

  @Test
  void duplicateNames() {
    refused("agent", "b1", () -> catalog.agents().add(NewAgent.of("b1")));
    refused("node", "pg1", () -> postgresNode("pg1"));
    refused("volume", "v1", () -> catalog.volumes().add(new NewVolume("v1", "/other", "")));
  }

  @Test
  void aManualBackupOfADownNode() {
    catalog.nodes().update("pg1", new NodeUpdate().status(NodeStatus.DOWN));

    var error = refused("node", "pg1",
        () -> catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)));

    assertThat(error.getMessage()).isEqualTo(
        "node \"pg1\" is not valid (node pg1 is DOWN); accepted: a RUNNING node; set the node RUNNING first");
  }

  @Test
  void deletingANodeWithDefinitions() {
    var error = refused("node", "pg1", () -> catalog.nodes().remove("pg1"));

    assertThat(error.getMessage()).isEqualTo("node \"pg1\" is used by definitions " + definition + "; remove them first"
        + " (definitions with backups need force, which forgets their backups)");
  }
}
