package io.coffer.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.verification.Verification;
import io.coffer.catalog.verification.VerificationScope;
import io.coffer.catalog.verification.VerificationStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.BackupOutcome;
import io.coffer.model.Engine;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceJson;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification of SQLite backups on the sample node {@code shop}; PostgreSQL and MariaDB in the CLI tests. */
class VerificationServiceTest {

  @TempDir Path tmp;
  TestHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(1_000_000);
  }

  @Test
  void aGoodBackup_passes_andTheScratchFileIsGone() {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);

      Verification verification = coffer.verifications().run(VerifyOrder.of(backup.id()), SourceListener.NONE,
          ProgressListener.NONE);

      assertThat(verification.status()).isEqualTo(VerificationStatus.PASSED);
      assertThat(verification.scope()).isEqualTo(VerificationScope.CONTENT);
      assertThat(verification.node()).isEqualTo("shop");
      assertThat(verification.scratchDatabases()).singleElement().asString()
          .matches("coffer_verify_" + backup.id() + "_" + coffer.catalog().identity() + "_[a-z0-9]{6}\\.db");
      assertThat(verification.tablesChecked()).isPositive();
      assertThat(verification.rowsChecked()).isPositive();
      assertThat(verification.differences()).isEmpty();
      assertThat(coffer.catalog().verifications().latest(backup.id())).contains(verification);
      assertThat(scratchFiles()).isEmpty();
    }
  }

  @Test
  void aRecordThatDiffersFromTheRestoredContents_fails_namingTheTable() throws Exception {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      String table = tamperWithCatalogReport(coffer, backup.id());

      Verification verification = coffer.verifications().run(VerifyOrder.of(backup.id()), SourceListener.NONE,
          ProgressListener.NONE);

      assertThat(verification.status()).isEqualTo(VerificationStatus.FAILED);
      assertThat(verification.differences()).singleElement().asString()
          .startsWith("shop.db: table " + table + " has ").contains("(as the catalog recorded it)");
      assertThat(scratchFiles()).isEmpty();
    }
  }

  @Test
  void everyVerification_usesScratchNamesOfItsOwn_andLeavesAnotherCatalogsScratchFileAlone() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      // What another catalog's verification of a backup with the same id would be restoring into.
      Path others = Files.copy(home.data.resolve("shop.db"),
          home.data.resolve("coffer_verify_" + backup.id() + "_0badcafe_a1b2c3.db"));

      Verification first = coffer.verifications().run(VerifyOrder.of(backup.id()), SourceListener.NONE,
          ProgressListener.NONE);
      Verification second = coffer.verifications().run(VerifyOrder.of(backup.id()), SourceListener.NONE,
          ProgressListener.NONE);

      assertThat(first.status()).isEqualTo(VerificationStatus.PASSED);
      assertThat(second.status()).isEqualTo(VerificationStatus.PASSED);
      assertThat(first.scratchDatabases()).doesNotContainAnyElementsOf(second.scratchDatabases());
      assertThat(scratchFiles()).containsExactly(others.getFileName().toString());
    }
  }

  @Test
  void aVolumeThatCannotBeReadBack_isAnError_recordedWithTheReason() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      damagePacks();

      Verification verification = coffer.verifications().run(VerifyOrder.of(backup.id()), SourceListener.NONE,
          ProgressListener.NONE);

      assertThat(verification.status()).isEqualTo(VerificationStatus.ERROR);
      assertThat(verification.error()).isNotBlank();
      assertThat(coffer.catalog().verifications().latest(backup.id())).contains(verification);
      assertThat(scratchFiles()).isEmpty();
    }
  }

  @Test
  void badInput_isRefusedNamingTheField_andRecordsNothing() throws IOException {
    Files.createDirectories(home.root.resolve("other"));
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      coffer.nodes().add(NewNode.builder("pg", Engine.POSTGRESQL).host("127.0.0.1").build());

      assertThat(refusal(coffer, VerifyOrder.of(999)).field()).isEqualTo("backup");
      CatalogValidationException otherEngine = refusal(coffer, VerifyOrder.of(backup.id()).onNode("pg"));
      assertThat(otherEngine.field()).isEqualTo("on-node");
      assertThat(otherEngine.getMessage()).contains("\"pg\"").contains("sqlite");
      assertThat(refusal(coffer, VerifyOrder.of(backup.id()).onNode("nowhere")).field()).isEqualTo("on-node");
      assertThat(coffer.catalog().verifications().list(backup.id())).isEmpty();
    }
  }

  @Test
  void everySecondBackupOfADefinition_isVerified() {
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      Definition definition = coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault",
          DatabaseSelector.parse("shop.db")).verifyEvery(2));

      List<Boolean> verified = Stream.of(1, 2, 3, 4).map(run -> {
        BackupOutcome outcome = coffer.backups().run(BackupOrder.ofDefinition(definition.id()), ProgressListener.NONE,
            SourceListener.NONE);
        return coffer.verifications().afterBackup(outcome, SourceListener.NONE, ProgressListener.NONE)
            .map(v -> v.status() == VerificationStatus.PASSED && v.agent().equals("backup01"))
            .orElse(false);
      }).toList();

      assertThat(verified).containsExactly(false, true, false, true);
    }
  }

  private static Backup backup(Coffer coffer) {
    return coffer.backups().run(BackupOrder.byHand("shop", "shop.db"), ProgressListener.NONE, SourceListener.NONE)
        .recorded().orElseThrow();
  }

  private static CatalogValidationException refusal(Coffer coffer, VerifyOrder order) {
    return catchThrowableOfType(CatalogValidationException.class,
        () -> coffer.verifications().run(order, SourceListener.NONE, ProgressListener.NONE));
  }

  /** Files of the data directory that a verification made (with their side files). */
  private List<String> scratchFiles() {
    try (Stream<Path> files = Files.list(home.data)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(ScratchNames.PREFIX)).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Flips a byte in every pack file of the volume: what a failing disk does. */
  private void damagePacks() throws IOException {
    try (Stream<Path> files = Files.walk(home.volume.resolve("data"))) {
      for (Path pack : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(pack, bytes);
      }
    }
  }

  /** Adds one to the row count the catalog's copy of the report gives the first table; returns its name. */
  private static String tamperWithCatalogReport(Coffer coffer, long backupId) throws Exception {
    Path file = coffer.config().catalogSettings().sqliteFile().orElseThrow();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      String json;
      try (PreparedStatement read = c.prepareStatement("select report from backup_report where backup_id = ?")) {
        read.setLong(1, backupId);
        try (ResultSet row = read.executeQuery()) {
          row.next();
          json = row.getString(1);
        }
      }
      ObjectNode report = (ObjectNode) SourceJson.mapper().readTree(json);
      ObjectNode table = (ObjectNode) report.get("members").get(0).get("tables").get(0);
      table.put("rows", table.get("rows").asLong() + 1);
      try (PreparedStatement write = c.prepareStatement("update backup_report set report = ? where backup_id = ?")) {
        write.setString(1, SourceJson.mapper().writeValueAsString(report));
        write.setLong(2, backupId);
        write.executeUpdate();
      }
      return table.get("table").asText();
    }
  }
}
