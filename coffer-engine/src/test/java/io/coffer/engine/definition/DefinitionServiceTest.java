package io.coffer.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.definition.DefinitionUpdate;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.oneoff.NewOneoff;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds a definition may have come from its node's driver, and nowhere else: a kind the driver
 * makes is accepted and runs; any other is refused when the definition or one-off is added or
 * changed, naming the kind, the engine and the kinds accepted, and nothing is stored.
 */
class DefinitionServiceTest {

  @TempDir Path tmp;
  TestHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(200_000);
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      // Registering a server node does not connect to it: no PostgreSQL is needed here.
      coffer.nodes().add(NewNode.builder("pg1", Engine.POSTGRESQL).host("db1").build());
    }
  }

  @Test
  void sqliteCluster_isAccepted_andItsBackupRuns() {
    try (Coffer coffer = home.open()) {
      Definition definition = coffer.definitions().add(definition("shop", "#all_databases#").kind(Kind.CLUSTER));

      Backup backup = coffer.backups().run(BackupOrder.ofDefinition(definition.id()), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();

      assertThat(backup.status()).isEqualTo(BackupStatus.SUCCEEDED);
      assertThat(backup.kind()).isEqualTo(Kind.CLUSTER);
      assertThat(backup.databases()).containsExactly("shop.db");
    }
  }

  @Test
  void aKindTheDriverCannotMake_isRefusedWhenAdded_namingKindEngineAndTheAcceptedKinds() {
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> coffer.definitions().add(definition("shop", "shop.db").kind(Kind.PHYSICAL)))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("kind \"PHYSICAL\"")
          .hasMessageContaining("engine sqlite")
          .hasMessageContaining("[CLUSTER, FULL, FILES]");
      assertThatThrownBy(() -> coffer.definitions().add(definition("shop", "shop.db").kind(Kind.DATA)))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("kind \"DATA\"")
          .hasMessageContaining("engine sqlite")
          .hasMessageContaining("[CLUSTER, FULL, FILES]");
      assertThatThrownBy(() -> coffer.definitions().addOneoff(NewOneoff.of("backup01", "shop", "vault",
              DatabaseSelector.of("shop.db"), Instant.now().plusSeconds(3600)).kind(Kind.SCHEMA)))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("kind \"SCHEMA\"");

      assertThat(coffer.catalog().definitions().list(DefinitionFilter.all())).isEmpty();
      assertThat(coffer.catalog().oneoffs().list()).isEmpty();
    }
  }

  @Test
  void changingToAKindTheDriverCannotMake_isRefused_andTheDefinitionKeepsItsKind() {
    try (Coffer coffer = home.open()) {
      Definition definition = coffer.definitions().add(definition("shop", "shop.db"));

      assertThatThrownBy(() -> coffer.definitions().update(definition.id(), new DefinitionUpdate().kind(Kind.DATA)))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("kind \"DATA\"")
          .hasMessageContaining("[CLUSTER, FULL, FILES]");

      assertThat(coffer.catalog().definitions().show(definition.id()).kind()).isEqualTo(Kind.FULL);
      assertThat(coffer.definitions().update(definition.id(), new DefinitionUpdate().kind(Kind.CLUSTER)).kind())
          .isEqualTo(Kind.CLUSTER);
    }
  }

  private static NewDefinition definition(String node, String databases) {
    return NewDefinition.of("backup01", node, "vault", DatabaseSelector.parse(databases));
  }
}
