package io.coffer.catalog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.testing.CatalogTestBase;
import org.junit.jupiter.api.Test;

class AgentRepositoryTest extends CatalogTestBase {

  @Test
  void add_namesTheAgentByItsFullyQualifiedHost() {
    Agent agent = catalog.agents().add(new NewAgent("backup01", "example.org", "main backup host"));

    assertThat(agent.name()).isEqualTo("backup01.example.org");
    assertThat(agent.status()).isEqualTo(AgentStatus.RUNNING);
    assertThat(catalog.agents().show("backup01.example.org")).isEqualTo(agent);
    assertThat(catalog.agents().show(Long.toString(agent.id()))).isEqualTo(agent);
    assertThat(catalog.agents().list()).containsExactly(agent);
  }

  @Test
  void add_refusesADuplicateName() {
    agent("b1");

    refused("agent", "b1", () -> catalog.agents().add(NewAgent.of("b1")));
  }

  @Test
  void show_onAFreshCatalog_namesTheCommandThatRegistersTheAgent() {
    var error = refused("agent", "vm", () -> catalog.agents().show("vm"));

    assertThat(error.getMessage())
        .isEqualTo("agent \"vm\" does not exist; there are no agents yet; `coffer agent add vm` registers it");
  }

  @Test
  void show_ofAnUnknownAgentListsTheKnownOnes() {
    agent("b1");
    agent("b2");

    var error = refused("agent", "b3", () -> catalog.agents().show("b3"));

    assertThat(error.getMessage()).isEqualTo("agent \"b3\" does not exist; accepted: an id or one of b1, b2; "
        + "`coffer agent add b3` registers it");
  }

  @Test
  void update_changesStatusAndRemarksOnly() {
    agent("b1");

    Agent updated = catalog.agents().update("b1", new AgentUpdate().status(AgentStatus.DOWN).remarks("disk swap"));

    assertThat(updated.status()).isEqualTo(AgentStatus.DOWN);
    assertThat(updated.remarks()).isEqualTo("disk swap");
    assertThat(updated.name()).isEqualTo("b1");
  }

  @Test
  void remove_refusesWhileDefinitionsUseTheAgent() {
    basics();
    long id = definition("pg1", "sales").id();

    var error = refused("agent", "b1", () -> catalog.agents().remove("b1"));

    assertThat(error.getMessage()).contains("is used by definitions " + id).contains("move them to another agent");
  }

  @Test
  void remove_deletesAnUnusedAgent() {
    agent("b1");

    catalog.agents().remove("b1");

    assertThat(catalog.agents().list()).isEmpty();
  }

  @Test
  void heartbeat_stampsTheAgent() {
    agent("b1");

    assertThat(catalog.agents().heartbeat("b1", java.time.Duration.ofSeconds(30)).heartbeat()).isPresent();
  }

  @Test
  void theHostAnAgentRunsOn_isKnownOnceItStartsOrRegistersOnIt_andTheLastStartSaysWhich() {
    agent("b1");

    assertThat(catalog.agents().hostIdentity("b1")).as("added, never run").isEmpty();
    catalog.agents().start("b1", "1.0", java.time.Duration.ofSeconds(30), "db1#3d1219a07c2e");
    assertThat(catalog.agents().hostIdentity("b1")).contains("db1#3d1219a07c2e");
    catalog.agents().ensure("b1", "db2#000000000000");
    assertThat(catalog.agents().hostIdentity("b1")).as("a registered agent keeps its host").contains("db1#3d1219a07c2e");
    catalog.agents().start("b1", "1.0", java.time.Duration.ofSeconds(30), "db2#000000000000");
    assertThat(catalog.agents().hostIdentity("b1")).as("moved").contains("db2#000000000000");
    assertThat(catalog.agents().ensure("b2", "db3").registered()).isTrue();
    assertThat(catalog.agents().hostIdentity("b2")).contains("db3");
  }
}
