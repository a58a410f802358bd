package io.coffer.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupResult;
import io.coffer.catalog.backup.BackupStart;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.restore.Restore;
import io.coffer.catalog.restore.RestoreStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.backup.ReportStream;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.repo.CraftedTrees;
import io.coffer.repo.ProgressListener;
import io.coffer.source.BackupReport;
import io.coffer.source.FilesReport;
import io.coffer.source.RestoreNames;
import io.coffer.source.SourceListener;
import io.coffer.testing.ThrowawayPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores of FILES backups into directories: the default target, refusals before writing, --path, start command. */
class FilesRestoreTest {

  @TempDir Path tmp;
  TestHome home;
  Path app;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(200_000);
    app = Files.createDirectories(tmp.resolve("app"));
    Files.createDirectories(app.resolve("conf"));
    Files.writeString(app.resolve("conf/app.ini"), "port = 8080\n");
    Files.setPosixFilePermissions(app.resolve("conf/app.ini"), PosixFilePermissions.fromString("rw-------"));
    Files.setLastModifiedTime(app.resolve("conf/app.ini"), FileTime.from(Instant.parse("2024-02-03T04:05:06Z")));
    byte[] blob = new byte[400_000];
    new Random(7).nextBytes(blob);
    Files.write(app.resolve("blob.bin"), blob);
    Files.writeString(app.resolve("postmaster.pid"), "4242\n");
    Files.createSymbolicLink(app.resolve("current"), Path.of("conf/app.ini"));
    try (Coffer coffer = home.open()) {
      coffer.nodes().add(NewNode.builder("app", Engine.FILESYSTEM).dataDirectory(app.toString()).build());
    }
  }

  private Backup backup(Coffer coffer) {
    return coffer.backups().run(BackupOrder.byHand("app", null).kind(Kind.FILES), ProgressListener.NONE,
        SourceListener.NONE).recorded().orElseThrow();
  }

  private static RestoreOutcome restore(Coffer coffer, RestoreOrder order) {
    return coffer.restores().run(order, SourceListener.NONE, ProgressListener.NONE);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void defaultTarget_isANewSiblingNamedAfterTheBackupTime_withLockFilesLeftOut() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      BackupReport report = coffer.backups().report(backup.id()).orElseThrow();
      Path expected = tmp.resolve("app_" + RestoreNames.timestamp(report.startedAt()));

      RestoreOutcome outcome = restore(coffer, RestoreOrder.of(backup.id(), null));

      assertThat(outcome.report().orElseThrow().databases()).containsExactly(expected.toString());
      assertThat(names(expected)).containsExactly("blob.bin", "conf", "conf/app.ini", "current");
      assertThat(Files.mismatch(expected.resolve("blob.bin"), app.resolve("blob.bin"))).isEqualTo(-1);
      assertThat(Files.getPosixFilePermissions(expected.resolve("conf/app.ini")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getLastModifiedTime(expected.resolve("conf/app.ini")))
          .isEqualTo(FileTime.from(Instant.parse("2024-02-03T04:05:06Z")));
      assertThat(Files.readSymbolicLink(expected.resolve("current"))).isEqualTo(Path.of("conf/app.ini"));
      Restore recorded = outcome.recorded().orElseThrow();
      assertThat(recorded.status()).isEqualTo(RestoreStatus.SUCCEEDED);
      assertThat(recorded.targetNode()).isEqualTo("app");
      assertThat(recorded.targetDatabase()).isEqualTo(expected.toString());
      assertThat(recorded.logTail()).contains("left out postmaster.pid (restore_exclude)");
      assertThat(outcome.plan().render()).contains("into directory " + expected)
          .contains("names matching postmaster.pid");
      assertThat(outcome.plan().warnings()).as("planned and written here: nothing to warn of").isEmpty();
      assertThat(outcome.plan().notes()).anySatisfy(n -> assertThat(n).startsWith("needs ").contains("bytes at the target"))
          .anySatisfy(n -> assertThat(n).startsWith("names matching postmaster.pid").endsWith("are left out (restore_exclude)"))
          .anySatisfy(n -> assertThat(n).startsWith("the directories were checked on host"));
      assertThat(outcome.plan().render()).doesNotContain("warning:");
    }
  }

  @Test
  void levelOneBackup_restoresOnItsOwn_withItsParentGoneFromTheVolume() throws IOException {
    Backup full;
    Backup one;
    try (Coffer coffer = home.open()) {
      full = backup(coffer);
      Files.writeString(app.resolve("conf/app.ini"), "port = 9090\n");
      one = coffer.backups().run(BackupOrder.byHand("app", null).kind(Kind.FILES).level(1), ProgressListener.NONE,
          SourceListener.NONE).recorded().orElseThrow();
      assertThat(one.parentId()).isEqualTo(full.id());
      assertThat(coffer.backups().report(one.id()).orElseThrow().files().reused()).isEqualTo(2);
    }
    // The level 1 took blob.bin unread from its parent; its tree still names every chunk it needs.
    try (io.coffer.repo.Volume volume = io.coffer.repo.Volume.open(new io.coffer.repo.backend.LocalBackend(home.volume),
        TestHome.PASSPHRASE.toCharArray())) {
      volume.forget(List.of(full.manifestId()));
      volume.prune(false, ProgressListener.NONE);
    }
    try (Coffer coffer = home.open()) {
      Path target = tmp.resolve("one");
      restore(coffer, RestoreOrder.of(one.id(), null).targetDirectory(target.toString()));
      assertThat(Files.mismatch(target.resolve("blob.bin"), app.resolve("blob.bin"))).isEqualTo(-1);
      assertThat(target.resolve("conf/app.ini")).hasContent("port = 9090");
    }
  }

  @Test
  void nonEmptyTarget_isRefusedBeforeWriting_unlessForced() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("target"));
    Files.writeString(target.resolve("keep.txt"), "mine");
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(target.toString())))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("target-dir")
          .hasMessageContaining("not empty").hasMessageContaining("--force");
      assertThat(names(target)).containsExactly("keep.txt");
      assertThat(coffer.catalog().restores().list(10)).isEmpty();

      restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(target.toString()).force());
      assertThat(names(target)).containsExactly("blob.bin", "conf", "conf/app.ini", "current", "keep.txt");
    }
  }

  @Test
  void path_restoresOneFile_orOneSubtree() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      Path one = tmp.resolve("one");
      restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(one.toString()).path("conf/app.ini"));
      assertThat(names(one)).containsExactly("app.ini");
      Path sub = tmp.resolve("sub");
      restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(sub.toString()).path("/conf/"));
      assertThat(names(sub)).containsExactly("app.ini");

      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null)
          .targetDirectory(tmp.resolve("none").toString()).path("conf/missing")))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("conf/missing")
          .hasMessageContaining("backup contents");
      assertThat(tmp.resolve("none")).doesNotExist();
    }
  }

  @Test
  void tooLittleFreeSpace_isRefusedBeforeWriting() throws Exception {
    Path small = Files.createDirectories(tmp.resolve("small"));
    sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", small.toString());
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      Path target = small.resolve("restore");
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(target.toString())))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("bytes free")
          .hasMessageContaining("the backup needs 400");
      assertThat(target).doesNotExist();
    } finally {
      sh("umount", small.toString());
    }
  }

  @Test
  void symlinkPointingOut_isRefusedBeforeWriting_unlessAllowed() throws IOException {
    Files.createSymbolicLink(app.resolve("wal"), Path.of("/var/lib/elsewhere/pg_wal"));
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      Path target = tmp.resolve("t");
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(target.toString())))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("symlink wal -> /var/lib/elsewhere")
          .hasMessageContaining("--allow-external-symlinks");
      assertThat(target).doesNotExist();

      restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(target.toString()).allowExternalSymlinks());
      assertThat(Files.readSymbolicLink(target.resolve("wal"))).isEqualTo(Path.of("/var/lib/elsewhere/pg_wal"));
    }
  }

  @Test
  void craftedNameLeavingTheTarget_isRefused_andNothingIsWrittenAnywhere() throws IOException {
    try (Coffer coffer = home.open()) {
      FilesReport files = new FilesReport(app.toString(), "data", "none", List.of(), 0, 1, 8, 0, "warn", List.of(),
          List.of(), List.of(), List.of());
      BackupReport report = new BackupReport(BackupReport.LAYOUT, Engine.FILESYSTEM,
          Kind.FILES, app.toString(), "", "", Instant.now(), Instant.now(), "", List.of(), List.of(),
          List.of(), files);
      byte[] json = ReportStream.encode(report);
      String manifest = CraftedTrees.withFileNamed(coffer.volumeOpener().open(home.volume.toString()), "data",
          "../escaped", ReportStream.NAME, json);
      long id = coffer.catalog().backups().start(BackupStart.of("app", "vault", List.of(), Kind.FILES)).id();
      coffer.catalog().backups().finish(id, BackupResult.succeeded(manifest).report(new String(json,
          java.nio.charset.StandardCharsets.UTF_8)));

      Path target = tmp.resolve("target");
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(id, null).targetDirectory(target.toString())))
          .isInstanceOf(EngineException.class).hasMessageContaining("'../escaped'")
          .hasMessageContaining("could leave the restore directory").hasMessageContaining("nothing was written");
      assertThat(target).doesNotExist();
      assertThat(tmp.resolve("escaped")).doesNotExist();
      assertThat(coffer.catalog().restores().list(10)).isEmpty();
    }
  }

  @Test
  void startCommand_runsOnceTheFilesAreInPlace_andItsFailureFailsTheRestore() throws IOException {
    Path events = tmp.resolve("events");
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      Path first = tmp.resolve("first");
      restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(first.toString())
          .startCommand("ls " + first + " > " + events));
      assertThat(Files.readAllLines(events)).containsExactly("blob.bin", "conf", "current");

      Path second = tmp.resolve("second");
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(second.toString())
          .startCommand("exit 4")))
          .isInstanceOf(EngineException.class).hasMessageContaining("FAILED")
          .hasMessageContaining("the files are restored in " + second).hasMessageContaining("start command (exit 4)");
      assertThat(coffer.catalog().restores().list(10).get(0).status()).isEqualTo(RestoreStatus.FAILED);
    }
  }

  @Test
  void dryRun_showsThePlan_andWritesNothing() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      Path target = tmp.resolve("dry");
      RestoreOutcome outcome = restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(target.toString())
          .dryRun());
      assertThat(outcome.plan().render()).contains("restore " + app + " as backed up at").contains("into directory "
          + target).contains("needs 400");
      assertThat(target).doesNotExist();
      assertThat(outcome.recorded()).isEmpty();
    }
  }

  /**
   * Issue 13 item 2 for a directory: a running server uses its data directory (open files, working
   * directory), so a forced restore into it is refused naming the server's processes, and nothing
   * is written; once the server is stopped the same restore goes ahead.
   */
  @Test
  void targetARunningServerUses_isRefusedNamingItsProcesses_untilTheServerStops() throws Exception {
    try (ThrowawayPostgres server = new ThrowawayPostgres(ThrowawayPostgres.newestInstalled());
        Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      Path data = server.dataDirectory();
      long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      RestoreOrder order = RestoreOrder.of(backup.id(), null).targetDirectory(data.toString()).force();

      assertThatThrownBy(() -> restore(coffer, order)).isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("target-dir").hasMessageContaining("it is in use by")
          .hasMessageContaining("pid " + postmaster + " (user postgres, application postgres)")
          .hasMessageContaining("stop them first").hasMessageContaining("nothing was written");
      assertThat(data.resolve("blob.bin")).doesNotExist();
      assertThat(coffer.catalog().restores().list(10)).isEmpty();

      server.stop();
      restore(coffer, order);
      assertThat(Files.mismatch(data.resolve("blob.bin"), app.resolve("blob.bin"))).isEqualTo(-1);
    }
  }

  @Test
  void targetAProcessWorksIn_isRefused_anEmptyOneIsNot() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(target.resolve("mine.txt"), "mine");
    Process worker = new ProcessBuilder("sleep", "600").directory(target.toFile()).start();
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(target.toString())
          .force())).hasMessageContaining("in use by 1 process").hasMessageContaining("pid " + worker.pid() + " (user ")
          .hasMessageContaining("application sleep");
      assertThat(names(target)).containsExactly("mine.txt");

      // Nothing there to replace: restoring into the empty directory someone works in is harmless.
      Path empty = Files.createDirectories(tmp.resolve("empty"));
      Process shell = new ProcessBuilder("sleep", "600").directory(empty.toFile()).start();
      try {
        restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(empty.toString()));
        assertThat(names(empty)).contains("blob.bin");
      } finally {
        shell.destroyForcibly();
      }
    } finally {
      worker.destroyForcibly();
    }
  }

  /**
   * Issue 13 item 2 for a directory: a restore that fails while writing removes what it wrote (the
   * directory it created, or the contents of one that was empty), unless keep-failed, when it says
   * how to remove it. The failure is real: the data pack's bytes are damaged after the backup.
   */
  @Test
  void failedWrite_removesWhatItWrote_unlessKeepFailed() throws Exception {
    byte[] big = new byte[3 << 20];
    new Random(11).nextBytes(big);
    Files.write(app.resolve("big.bin"), big);
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      damageTheLargestPack();

      Path created = tmp.resolve("created");
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(created.toString())))
          .isInstanceOf(EngineException.class).hasMessageContaining("FAILED")
          .hasMessageContaining("removed " + created + ", which this restore had created");
      assertThat(created).doesNotExist();
      assertThat(coffer.catalog().restores().list(10).get(0).status()).isEqualTo(RestoreStatus.FAILED);

      Path empty = Files.createDirectories(tmp.resolve("was-empty"));
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(empty.toString())))
          .hasMessageContaining("removed what was written in " + empty + ", which was empty before");
      assertThat(empty).isEmptyDirectory();

      Path kept = tmp.resolve("kept");
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(kept.toString())
          .keepFailed())).hasMessageContaining("kept what was written in " + kept + " for inspection (keep-failed);"
          + " to remove it: rm -rf -- '" + kept + "'");
      assertThat(kept).isDirectory();

      Path occupied = Files.createDirectories(tmp.resolve("occupied"));
      Files.writeString(occupied.resolve("mine.txt"), "mine");
      assertThatThrownBy(() -> restore(coffer, RestoreOrder.of(backup.id(), null).targetDirectory(occupied.toString())
          .force())).hasMessageContaining(occupied + " now holds part of the backup over what was there before"
          + " (--force), which cannot be undone; nothing was removed");
      assertThat(occupied.resolve("mine.txt")).hasContent("mine");
    }
  }

  /**
   * Flips bytes in the middle of the volume's largest pack: inside a segment of big.bin's chunks
   * alone (segments are 1 MiB), so that the backup's report and tree still read and the restore
   * fails while writing.
   */
  private void damageTheLargestPack() throws IOException {
    Path pack;
    try (Stream<Path> files = Files.walk(home.volume.resolve("data"))) {
      pack = files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length()))
          .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(pack);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] ^= (byte) 0xff;
    }
    Files.write(pack, bytes);
  }

  private static void sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }
}
