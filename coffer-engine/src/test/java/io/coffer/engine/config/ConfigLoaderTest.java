package io.coffer.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogSettings;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.time.TimeLength;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path tmp;

  ConfigLoader loader(Map<String, String> env) {
    return new ConfigLoader(env, tmp, tmp.resolve("etc-coffer.yaml"));
  }

  @Test
  void noFile_defaultsToSqliteInTheUsersHome() {
    CofferConfig config = loader(Map.of()).load();
    assertThat(config.home()).isEqualTo(tmp.resolve(".local/share/coffer"));
    assertThat(config.catalogSettings().dialect()).isEqualTo(CatalogSettings.Dialect.SQLITE);
    assertThat(config.catalogFile()).isEqualTo(tmp.resolve(".local/share/coffer/catalog.db"));
    assertThat(config.source()).isEmpty();
  }

  @Test
  void userFile_isFound_andEnvironmentOverridesItsKeys() throws IOException {
    Path file = Files.createDirectories(tmp.resolve(".config/coffer")).resolve("coffer.yaml");
    Files.writeString(file, """
        home: ~/coffer-home
        catalog:
          url: jdbc:postgresql://db.example.org/coffer
          user: coffer
          busy-timeout: 3s
        backup:
          jobs: 4
        """);
    CofferConfig config = loader(Map.of("COFFER_BACKUP_JOBS", "8")).load();
    assertThat(config.home()).isEqualTo(tmp.resolve("coffer-home"));
    assertThat(config.catalogUrl()).contains("jdbc:postgresql://db.example.org/coffer");
    assertThat(config.busyTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.jobs()).isEqualTo(8);
    assertThat(config.source()).contains(file);
  }

  @Test
  void cofferConfigVariable_winsOverTheOtherFiles() throws IOException {
    Path named = Files.writeString(tmp.resolve("mine.yaml"), "agent: backup07\n");
    Files.writeString(tmp.resolve("etc-coffer.yaml"), "agent: system\n");
    assertThat(loader(Map.of("COFFER_CONFIG", named.toString())).load().agent()).isEqualTo("backup07");
  }

  @Test
  void cofferConfigVariable_namingNoFile_isRefused() {
    assertThatThrownBy(() -> loader(Map.of("COFFER_CONFIG", tmp.resolve("gone.yaml").toString())).load())
        .isInstanceOf(CatalogValidationException.class).hasMessageContaining("COFFER_CONFIG");
  }

  @Test
  void unknownKey_isRefusedNamingItAndTheKnownKeys() throws IOException {
    Files.writeString(tmp.resolve("etc-coffer.yaml"), "catalog:\n  ur: jdbc:postgresql://x/y\n");
    assertThatThrownBy(() -> loader(Map.of()).load())
        .isInstanceOf(CatalogValidationException.class)
        .hasMessageContaining("catalog.ur").hasMessageContaining("catalog.url");
  }

  @Test
  void durations_takeTheOneGrammarOfLengths_andABareNumberAsSeconds() {
    assertThat(loader(Map.of("COFFER_CATALOG_BUSY_TIMEOUT", "2 minutes")).load().busyTimeout())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(loader(Map.of("COFFER_CATALOG_BUSY_TIMEOUT", "1m 30s")).load().busyTimeout())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(loader(Map.of("COFFER_CATALOG_BUSY_TIMEOUT", "15")).load().busyTimeout())
        .isEqualTo(Duration.ofSeconds(15));
    assertThatThrownBy(() -> loader(Map.of("COFFER_CATALOG_BUSY_TIMEOUT", "1 month")).load())
        .hasMessage("catalog.busy-timeout \"1 month\" is not valid (months and years have no fixed length here;"
            + " use weeks or days); accepted: " + TimeLength.ACCEPTED + " (COFFER_CATALOG_BUSY_TIMEOUT); a bare number"
            + " is seconds");
  }

  @Test
  void badValues_areRefusedNamingTheKey() throws IOException {
    assertThatThrownBy(() -> loader(Map.of("COFFER_BACKUP_JOBS", "lots")).load())
        .hasMessageContaining("backup.jobs \"lots\"").hasMessageContaining("1 to 64");
    assertThatThrownBy(() -> loader(Map.of("COFFER_CATALOG_BUSY_TIMEOUT", "soon")).load())
        .hasMessageContaining("catalog.busy-timeout");
    assertThatThrownBy(() -> loader(Map.of("COFFER_CATALOG_USER", "coffer")).load())
        .hasMessageContaining("catalog.user").hasMessageContaining("catalog.url");
    assertThatThrownBy(() -> loader(Map.of("COFFER_CATALOG_URL", "jdbc:mysql://x/y", "COFFER_CATALOG_USER", "c")).load())
        .hasMessageContaining("catalog.url");
    assertThatThrownBy(() -> loader(Map.of("COFFER_HOME", "relative/path")).load())
        .hasMessageContaining("home \"relative/path\"");
    assertThatThrownBy(() -> loader(Map.of("COFFER_RETENTION_SCHEDULE", "weekly")).load())
        .hasMessageContaining("retention.schedule \"weekly\"").hasMessageContaining("daily").hasMessageContaining("never");
    assertThat(loader(Map.of("COFFER_RETENTION_SCHEDULE", "never")).load().operation().retentionSchedule()).isEmpty();
    assertThat(loader(Map.of()).load().operation().retentionSchedule()).map(Object::toString).contains("0 5 * * *");
    Files.writeString(tmp.resolve("etc-coffer.yaml"), "s3:\n  path-style: maybe\n");
    assertThatThrownBy(() -> loader(Map.of()).load()).hasMessageContaining("s3.path-style \"maybe\"");
  }

  @Test
  void malformedYaml_isRefusedNamingTheFile() throws IOException {
    Files.writeString(tmp.resolve("etc-coffer.yaml"), "catalog: [unclosed\n");
    assertThatThrownBy(() -> loader(Map.of()).load()).hasMessageContaining("etc-coffer.yaml");
  }
}
