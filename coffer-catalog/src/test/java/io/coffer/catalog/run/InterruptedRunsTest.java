package io.coffer.catalog.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.restore.NewRestoreDefinition;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreDefinition;
import io.coffer.catalog.restore.RestoreStart;
import io.coffer.catalog.restore.RestoreStatus;
import io.coffer.catalog.schedule.RunOnceStatus;
import io.coffer.catalog.testing.CatalogTestBase;
import io.coffer.catalog.verification.Verification;
import io.coffer.catalog.verification.VerificationScope;
import io.coffer.catalog.verification.VerificationStart;
import io.coffer.catalog.verification.VerificationStatus;
import io.coffer.model.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterruptedRunsTest extends CatalogTestBase {

  private static final String HOST = Runner.current().host();

  @Test
  void runsOfAGoneProcess_areRecordedEnded_withWhatTheyMayHaveLeftBehind() {
    basics();
    Backup done = succeededBackup(definition("pg1", "sales"), "m-1");
    Backup backup = catalog.backups().start(BackupStart.of("pg1", "v1", List.of("sales"), Kind.FULL));
    RestoreDefinition planned = catalog.restoreDefinitions().add(NewRestoreDefinition.of(done.id(), "b1", "pg1")
        .targetDatabase("sales_copy").runAt(Instant.parse("2026-05-01T10:00:00Z")));
    assertThat(catalog.restoreDefinitions().take(planned.id())).isTrue();
    Restore restore = catalog.restores().start(RestoreStart.of(done.id(), "pg1", "sales_copy")
        .restoreDefinition(planned.id()).renamedExistingTo("sales_copy_20260501T100000"));
    Verification verification = catalog.verifications().start(VerificationStart.of(done.id(), "pg1",
        List.of("coffer_verify_" + done.id()), VerificationScope.CONTENT));

    assertThat(catalog.interruptedRuns().fail(HOST, runner -> true)).as("runner alive").isEmpty();
    assertThat(catalog.interruptedRuns().fail("another-host", runner -> false)).as("another host's runs").isEmpty();
    assertThat(catalog.backups().show(backup.id()).status()).isEqualTo(BackupStatus.RUNNING);

    List<InterruptedRun> failed = catalog.interruptedRuns().fail(HOST, runner -> false);

    assertThat(failed).extracting(InterruptedRun::what, InterruptedRun::id).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("backup", backup.id()),
        org.assertj.core.groups.Tuple.tuple("restore", restore.id()),
        org.assertj.core.groups.Tuple.tuple("verification", verification.id()));
    assertThat(failed).extracting(InterruptedRun::runner).containsOnly(Runner.current());

    Backup failedBackup = catalog.backups().show(backup.id());
    assertThat(failedBackup.status()).isEqualTo(BackupStatus.FAILED);
    assertThat(failedBackup.finishedAt()).isNotNull();
    assertThat(failedBackup.error()).startsWith("interrupted: " + Runner.current() + " ended before the backup finished")
        .contains("'coffer volume prune' frees what it stored");
    assertThat(catalog.backups().show(done.id()).status()).as("a finished backup").isEqualTo(BackupStatus.SUCCEEDED);

    Restore failedRestore = catalog.restores().show(restore.id());
    assertThat(failedRestore.status()).isEqualTo(RestoreStatus.FAILED);
    assertThat(failedRestore.error()).contains("database sales_copy on node pg1 may be partly restored")
        .contains("rename sales_copy_20260501T100000 (the database that was there) back to sales_copy");
    RestoreDefinition ended = catalog.restoreDefinitions().show(planned.id());
    assertThat(ended.status()).isEqualTo(RunOnceStatus.FAILED);
    assertThat(ended.isRunning()).isFalse();
    assertThat(ended.error()).startsWith("restore " + restore.id() + ": interrupted");
    catalog.restoreDefinitions().remove(planned.id());

    Verification erred = catalog.verifications().show(verification.id());
    assertThat(erred.status()).isEqualTo(VerificationStatus.ERROR);
    assertThat(erred.error()).contains("coffer_verify_" + done.id() + " may be left on node pg1");

    assertThat(catalog.interruptedRuns().fail(HOST, runner -> false)).as("a second sweep").isEmpty();
    assertThat(catalog.history().list(Instant.EPOCH, 100)).anySatisfy(event -> assertThat(event.action()).isEqualTo("run fail-interrupted"));
  }
}
