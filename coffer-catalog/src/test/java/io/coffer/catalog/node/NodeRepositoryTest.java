package io.coffer.catalog.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionStatus;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.model.CredentialReference;
import io.coffer.model.Engine;
import org.junit.jupiter.api.Test;

class NodeRepositoryTest extends CatalogTestBase {

  @Test
  void add_fillsEngineDefaults() {
    Node node = postgresNode("pg1");

    assertThat(node.engine()).isEqualTo(Engine.POSTGRESQL);
    assertThat(node.port()).isEqualTo(5432);
    assertThat(node.adminUser()).isEqualTo("postgres");
    assertThat(node.status()).isEqualTo(NodeStatus.RUNNING);
    assertThat(node.credential()).isEqualTo(CredentialReference.NONE);
  }

  @Test
  void add_storesACredentialReferenceNeverAPassword() {
    Node node = catalog.nodes().add(NewNode.builder("maria1", Engine.MARIADB).host("db2.example.org")
        .credential(Credentials.parse("env:MARIA1_PASSWORD")).build());

    assertThat(catalog.nodes().show("maria1")).isEqualTo(node);
    assertThat(node.port()).isEqualTo(3306);
    assertThat(node.credential()).hasToString("env:MARIA1_PASSWORD");
  }

  @Test
  void add_ofAFileEngineNeedsAnAbsoluteDataDirectory() {
    Node node = catalog.nodes().add(NewNode.builder("files1", Engine.FILESYSTEM).dataDirectory("/srv/data").build());

    assertThat(node.dataDirectory()).isEqualTo("/srv/data");
    assertThat(node.portNumber()).isEmpty();
    refused("data-directory", "srv/data",
        () -> catalog.nodes().add(NewNode.builder("files2", Engine.SQLITE).dataDirectory("srv/data").build()));
  }

  @Test
  void add_refusesAServerNodeWithoutHostOrWithABadPort() {
    refused("host", "", () -> catalog.nodes().add(NewNode.builder("pg1", Engine.POSTGRESQL).build()));
    refused("port", "70000",
        () -> catalog.nodes().add(NewNode.builder("pg1", Engine.POSTGRESQL).host("db").port(70000).build()));
  }

  @Test
  void add_refusesADuplicateName() {
    postgresNode("pg1");

    var error = refused("node", "pg1", () -> postgresNode("pg1"));

    assertThat(error.getMessage()).startsWith("node \"pg1\" already exists (node ");
  }

  @Test
  void update_changesWhatItNamesAndValidatesTheResult() {
    postgresNode("pg1");

    Node node = catalog.nodes().update("pg1", new NodeUpdate().port(5433).remarks("moved"));

    assertThat(node.port()).isEqualTo(5433);
    assertThat(node.host()).isEqualTo("127.0.0.1");
    refused("port", "0", () -> catalog.nodes().update("pg1", new NodeUpdate().port(0)));
  }

  @Test
  void settingANodeDown_pausesItsDefinitionsAndRunningResumesThem() {
    basics();
    Definition active = definition("pg1", "sales");
    Definition stopped = catalog.definitions().update(definition("pg1", "hr").id(),
        new io.coffer.catalog.definition.DefinitionUpdate().status(DefinitionStatus.STOPPED));

    catalog.nodes().update("pg1", new NodeUpdate().status(NodeStatus.DOWN));

    Definition paused = catalog.definitions().show(active.id());
    assertThat(paused.paused()).isTrue();
    assertThat(paused.status()).isEqualTo(DefinitionStatus.ACTIVE);
    assertThat(paused.effectiveStatus()).isEqualTo(DefinitionStatus.STOPPED);
    assertThat(paused.runs()).isFalse();

    catalog.nodes().update("pg1", new NodeUpdate().status(NodeStatus.RUNNING));

    assertThat(catalog.definitions().show(active.id()).runs()).isTrue();
    assertThat(catalog.definitions().show(stopped.id()).effectiveStatus()).isEqualTo(DefinitionStatus.STOPPED);
  }

  @Test
  void remove_ofANodeWithDefinitionsIsRefusedNamingThem() {
    basics();
    long first = definition("pg1", "sales").id();
    long second = definition("pg1", "hr").id();

    var error = refused("node", "pg1", () -> catalog.nodes().remove("pg1"));

    assertThat(error.getMessage()).startsWith("node \"pg1\" is used by definitions " + first + ", " + second + ";");
  }

  @Test
  void remove_ofAnUnusedNodeDeletesIt() {
    postgresNode("pg1");

    catalog.nodes().remove("pg1");

    assertThat(catalog.nodes().list()).isEmpty();
  }

  @Test
  void unknownNode_isRefusedWithTheKnownNames() {
    postgresNode("pg1");

    var error = refused("node", "pg9", () -> catalog.nodes().remove("pg9"));

    assertThat(error.getMessage()).isEqualTo("node \"pg9\" does not exist; accepted: an id or one of pg1; "
        + "`coffer node add pg9 --engine ENGINE …` registers it");
  }
}
