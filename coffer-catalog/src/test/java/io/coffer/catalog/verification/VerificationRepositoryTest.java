package io.coffer.catalog.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.model.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationRepositoryTest extends CatalogTestBase {

  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  @Test
  void aVerification_isRecordedFromStartToFinish() {
    basics();
    Backup backup = succeededBackup(definition("pg1", "sales"), "m-1");

    Verification running = catalog.verifications().start(VerificationStart.of(backup.id(), "pg1",
        List.of("coffer_verify_" + backup.id()), VerificationScope.CONTENT).agent("b1").startedAt(T0));
    Verification done = catalog.verifications().finish(running.id(),
        VerificationResult.passed(3, 120).finishedAt(T0.plusSeconds(12)));

    assertThat(running.status()).isEqualTo(VerificationStatus.RUNNING);
    assertThat(done.status()).isEqualTo(VerificationStatus.PASSED);
    assertThat(done.node()).isEqualTo("pg1");
    assertThat(done.agent()).isEqualTo("b1");
    assertThat(done.scratchDatabases()).containsExactly("coffer_verify_" + backup.id());
    assertThat(done.duration()).isEqualTo(Duration.ofSeconds(12));
    assertThat(done.tablesChecked()).isEqualTo(3);
    assertThat(done.rowsChecked()).isEqualTo(120);
    assertThat(done.differences()).isEmpty();
    assertThat(catalog.verifications().show(done.id())).isEqualTo(done);
  }

  @Test
  void latest_isTheNewestVerificationOfThatBackup() {
    basics();
    Definition definition = definition("pg1", "sales");
    Backup first = succeededBackup(definition, "m-1");
    Backup second = succeededBackup(definition, "m-2");
    Verification old = catalog.verifications().start(VerificationStart.of(first.id(), "pg1",
        List.of("coffer_verify_1"), VerificationScope.CONTENT).startedAt(T0));
    catalog.verifications().finish(old.id(), VerificationResult.passed(1, 1).finishedAt(T0.plusSeconds(1)));
    Verification newer = catalog.verifications().start(VerificationStart.of(first.id(), "pg1",
        List.of("coffer_verify_1"), VerificationScope.CONTENT).startedAt(T0.plusSeconds(60)));
    Verification failed = catalog.verifications().finish(newer.id(), VerificationResult.failed(2, 10,
        List.of("table public.orders has 9 rows, the backup recorded 10", "table public.items is missing"))
        .finishedAt(T0.plusSeconds(70)));

    assertThat(catalog.verifications().latest(first.id())).contains(failed);
    assertThat(failed.differences()).containsExactly("table public.orders has 9 rows, the backup recorded 10",
        "table public.items is missing");
    assertThat(catalog.verifications().list(first.id())).extracting(Verification::id)
        .containsExactly(newer.id(), old.id());
    assertThat(catalog.verifications().latest(second.id())).isEmpty();
  }

  @Test
  void anError_keepsItsReasonAndASchemaScope() {
    basics();
    Backup backup = succeededBackup(definition("pg1", "sales"), "m-1");
    Verification running = catalog.verifications().start(VerificationStart.of(backup.id(), "pg1",
        List.of("coffer_verify_" + backup.id()), VerificationScope.SCHEMA));

    Verification done = catalog.verifications().finish(running.id(), VerificationResult.error(0, 0, "psql failed"));

    assertThat(done.status()).isEqualTo(VerificationStatus.ERROR);
    assertThat(done.scope()).isEqualTo(VerificationScope.SCHEMA);
    assertThat(done.error()).isEqualTo("psql failed");
  }

  @Test
  void verificationsGoWithTheirBackup_andOutliveTheirNode() {
    basics();
    postgresNode("pg2");
    Backup backup = succeededBackup(definition("pg1", "sales"), "m-1");
    Verification done = catalog.verifications().finish(catalog.verifications().start(VerificationStart.of(
        backup.id(), "pg2", List.of("coffer_verify_" + backup.id()), VerificationScope.CONTENT)).id(),
        VerificationResult.passed(1, 1));

    catalog.nodes().remove("pg2");
    assertThat(catalog.verifications().show(done.id()).node()).isNull();

    catalog.backups().remove(backup.id());
    assertThat(catalog.backups().list(io.coffer.catalog.backup.BackupFilter.newest())).isEmpty();
    refused("verification", Long.toString(done.id()), () -> catalog.verifications().show(done.id()));
  }

  @Test
  void onlyASucceededBackup_andARunningVerification_areAccepted() {
    basics();
    Backup failedBackup = catalog.backups().record(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL),
        BackupResult.failed("boom"));
    Backup good = succeededBackup(definition("pg1", "sales"), "m-1");
    Verification done = catalog.verifications().finish(catalog.verifications().start(VerificationStart.of(
        good.id(), "pg1", List.of("s"), VerificationScope.CONTENT)).id(), VerificationResult.passed(0, 0));

    refused("backup", Long.toString(failedBackup.id()), () -> catalog.verifications().start(
        VerificationStart.of(failedBackup.id(), "pg1", List.of("s"), VerificationScope.CONTENT)));
    refused("node", "nope", () -> catalog.verifications().start(
        VerificationStart.of(good.id(), "nope", List.of("s"), VerificationScope.CONTENT)));
    refused("verification", Long.toString(done.id()),
        () -> catalog.verifications().finish(done.id(), VerificationResult.passed(0, 0)));
  }

  @Test
  void succeededCount_countsOnlyTheDefinitionsSucceededBackups() {
    basics();
    Definition definition = definition("pg1", "sales");
    Definition other = definition("pg1", "crm");
    succeededBackup(definition, "m-1");
    succeededBackup(definition, "m-2");
    succeededBackup(other, "m-3");
    Backup running = catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL)
        .definition(definition.id()).agent("b1"));
    catalog.backups().finish(running.id(), BackupResult.failed("boom"));

    assertThat(catalog.backups().succeededCount(definition.id())).isEqualTo(2);
    assertThat(catalog.backups().succeededCount(other.id())).isEqualTo(1);
  }
}
