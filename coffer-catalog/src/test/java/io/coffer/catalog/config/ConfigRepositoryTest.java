package io.coffer.catalog.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.catalog.time.TimeLength;
import io.coffer.model.Kind;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigRepositoryTest extends CatalogTestBase {

  @Test
  void aNode_inheritsEveryDefault() {
    postgresNode("pg1");

    assertThat(catalog.config().forNode("pg1")).allMatch(ConfigEntry::inherited)
        .extracting(ConfigEntry::key)
        .containsExactly("backup_hour_window", "backup_minute_window", "extra_parameters", "kind",
            "max_parallel_jobs", "notification_address", "on_change", "quiesce", "restore_exclude", "restore_sync",
            "retention_period", "retention_redundancy");
    NodeDefaults defaults = catalog.config().nodeDefaults("pg1");
    assertThat(defaults.kind()).isEqualTo(Kind.FULL);
    assertThat(defaults.retention()).hasToString("7 days");
    assertThat(defaults.window().hours()).hasToString("1-6");
  }

  @Test
  void aNodesOwnValue_overridesTheDefaultUntilReset() {
    postgresNode("pg1");
    postgresNode("pg2");

    catalog.config().setForNode("pg1", "retention_period", "2 weeks");

    assertThat(values("pg1")).containsEntry("retention_period", "2 weeks");
    assertThat(values("pg2")).containsEntry("retention_period", "7 days");
    catalog.config().resetForNode("pg1", "retention_period");
    assertThat(values("pg1")).containsEntry("retention_period", "7 days");
  }

  @Test
  void changingADefault_reachesEveryNodeThatDidNotSetItsOwn() {
    postgresNode("pg1");

    catalog.config().setDefault(ConfigScope.NODE, "kind", "schema");

    assertThat(catalog.config().nodeDefaults("pg1").kind()).isEqualTo(Kind.SCHEMA);
    assertThat(catalog.config().defaults(ConfigScope.NODE)).anyMatch(e -> e.key().equals("kind") && e.value().equals("SCHEMA"));
  }

  @Test
  void values_areCheckedUnderTheKeyTheyWereGivenFor() {
    postgresNode("pg1");

    var error = refused("retention_period", "3 fortnights",
        () -> catalog.config().setForNode("pg1", "retention_period", "3 fortnights"));
    assertThat(error.getMessage()).endsWith("accepted: " + TimeLength.ACCEPTED);
    refused("retention_redundancy", "0", () -> catalog.config().setForNode("pg1", "retention_redundancy", "0"));
    refused("backup_hour_window", "1-30", () -> catalog.config().setDefault(ConfigScope.NODE, "backup_hour_window", "1-30"));
  }

  @Test
  void anUnknownKey_isRefusedListingTheKeysOfThatScope() {
    agent("b1");

    var error = refused("key", "kind", () -> catalog.config().setForAgent("b1", "kind", "FULL"));

    assertThat(error.getMessage()).endsWith("accepted: for an agent, one of max_parallel_jobs, notification_address");
  }

  @Test
  void agents_haveTheirOwnSettings() {
    agent("b1");

    catalog.config().setForAgent("b1", "max_parallel_jobs", "3");

    assertThat(catalog.config().forAgent("b1")).contains(
        new ConfigEntry("max_parallel_jobs", "3", "jobs this agent runs at once", false));
  }

  private Map<String, String> values(String node) {
    return catalog.config().forNode(node).stream().collect(Collectors.toMap(ConfigEntry::key, ConfigEntry::value));
  }
}
