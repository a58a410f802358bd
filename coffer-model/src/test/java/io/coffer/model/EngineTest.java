package io.coffer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineTest {

  @Test
  void id_isTheLowerCaseWord_andReadsBackIgnoringCase() {
    for (Engine engine : Engine.values()) {
      assertThat(Engine.of(engine.id())).isEqualTo(engine);
      assertThat(Engine.of(engine.id().toUpperCase(java.util.Locale.ROOT))).isEqualTo(engine);
      assertThat(engine.toString()).isEqualTo(engine.id());
    }
    assertThat(Engine.POSTGRESQL.id()).isEqualTo("postgresql");
  }

  @Test
  void unknownId_isRefused_namingTheAcceptedOnes() {
    assertThatThrownBy(() -> Engine.of("oracle")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("engine must be one of postgresql, mariadb, sqlite, filesystem, got 'oracle'");
  }

  @Test
  void serverEngines_haveADefaultPort_fileEnginesNone() {
    assertThat(Engine.POSTGRESQL.defaultPort()).hasValue(5432);
    assertThat(Engine.MARIADB.defaultPort()).hasValue(3306);
    assertThat(Engine.SQLITE.isServer()).isFalse();
    assertThat(Engine.FILESYSTEM.defaultPort()).isEmpty();
    assertThat(Engine.SQLITE.isDatabase()).isTrue();
    assertThat(Engine.FILESYSTEM.isDatabase()).isFalse();
  }
}
