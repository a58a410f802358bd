package io.coffer.catalog.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.node.Node;
import io.coffer.catalog.volume.NewVolume;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of a subclass twice, on SQLite and on PostgreSQL. Each run of the class gets a
 * new database (an SQLite file, a PostgreSQL schema) that is dropped afterwards; each test starts
 * from an empty catalog with the migrated defaults.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
public abstract class CatalogTestBase {

  private static TestDatabase.Instance instance;
  private static Catalog shared;
  private static List<String[]> defaults;

  @Parameter protected TestDatabase database;

  protected Catalog catalog;

  @BeforeParameterizedClassInvocation
  static void createDatabase(TestDatabase database) {
    instance = database.create();
    shared = Catalog.open(instance.settings());
    defaults = CatalogSnapshot.defaults(instance);
  }

  @AfterParameterizedClassInvocation
  static void dropDatabase() {
    if (shared != null) {
      shared.close();
    }
    if (instance != null) {
      instance.drop();
    }
    shared = null;
    instance = null;
  }

  @BeforeEach
  void cleanCatalog() {
    CatalogSnapshot.wipe(instance, defaults);
    catalog = shared;
  }

  @AfterEach
  void forgetCatalog() {
    catalog = null;
  }

  /** The test database this run uses, e.g. to open a second catalog on it. */
  protected static TestDatabase.Instance instance() {
    return instance;
  }

  /**
   * Runs a call that must be refused, checks that its error names {@code field} and {@code value},
   * and that the catalog is exactly as it was.
   */
  protected CatalogValidationException refused(String field, String value, ThrowingCallable call) {
    Map<String, List<String>> before = CatalogSnapshot.take(instance);
    CatalogValidationException error = catchThrowableOfType(CatalogValidationException.class, call);
    assertThat(error).as("refusal").isNotNull();
    assertThat(error.field()).isEqualTo(field);
    assertThat(error.value()).isEqualTo(value);
    String shown = value.equals(CatalogValidationException.HIDDEN) ? value : "\"" + value + "\"";
    assertThat(error.getMessage()).startsWith(field + " ").contains(shown).doesNotContain("\n");
    assertThat(CatalogSnapshot.take(instance)).as("catalog after the refusal").isEqualTo(before);
    return error;
  }

  protected void agent(String name) {
    catalog.agents().add(NewAgent.of(name));
  }

  protected Node postgresNode(String name) {
    return catalog.nodes().add(NewNode.builder(name, Engine.POSTGRESQL).host("127.0.0.1").build());
  }

  protected void volume(String name) {
    catalog.volumes().add(new NewVolume(name, "/srv/coffer/" + name, ""));
  }

  /** Agent b1, node pg1 (PostgreSQL), volume v1: what most tests need. */
  protected void basics() {
    agent("b1");
    postgresNode("pg1");
    volume("v1");
  }

  protected Definition definition(String node, String databases) {
    return catalog.definitions().add(NewDefinition.of("b1", node, "v1", DatabaseSelector.parse(databases)));
  }

  /** A level-0 backup of {@code definition}, succeeded with the given manifest. */
  protected Backup succeededBackup(Definition definition, String manifest) {
    Backup started = catalog.backups().start(BackupStart.of(definition.node(), definition.volume(),
        List.of(definition.databases().toString()), Kind.FULL).definition(definition.id()).agent(definition.agent()));
    return catalog.backups().finish(started.id(), BackupResult.succeeded(manifest).bytes(1000, 400, 200));
  }
}
