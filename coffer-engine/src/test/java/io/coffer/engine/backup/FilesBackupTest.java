package io.coffer.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.node.NewNode;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.repo.BackupReader;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.manifest.Entry;
import io.coffer.source.BackupReport;
import io.coffer.source.FilesReport;
import io.coffer.source.SourceListener;
import io.coffer.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FILES backups through the engine: a real directory, a real volume, real shell commands as quiesce. */
class FilesBackupTest {

  @TempDir Path tmp;
  TestHome home;
  Path files;
  Path events;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(200_000);
    files = Files.createDirectories(tmp.resolve("app"));
    Files.createDirectories(files.resolve("conf"));
    Files.writeString(files.resolve("conf/app.ini"), "port = 8080\n");
    Files.write(files.resolve("blob.bin"), new byte[300_000]);
    Files.createSymbolicLink(files.resolve("current"), Path.of("conf/app.ini"));
    events = tmp.resolve("events");
    try (Coffer coffer = home.open()) {
      coffer.nodes().add(NewNode.builder("app", Engine.FILESYSTEM).dataDirectory(files.toString()).build());
    }
  }

  private static BackupOutcome run(Coffer coffer, BackupOrder order) {
    return coffer.backups().run(order, ProgressListener.NONE, SourceListener.NONE);
  }

  private static BackupOrder files(String node) {
    return BackupOrder.byHand(node, null).kind(Kind.FILES);
  }

  private List<String> paths(Coffer coffer, Backup backup) throws IOException {
    Volume volume = coffer.volumeOpener().open(home.volume.toString());
    Entry tree = volume.manifest(backup.manifestId()).entry("data");
    List<String> paths = new ArrayList<>();
    try (BackupReader reader = volume.reader()) {
      reader.walk(tree, null, (path, node) -> paths.add(path + " " + node.type()));
    }
    return paths;
  }

  @Test
  void filesystemNode_isBackedUpAsATree_withItsReport() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup row = run(coffer, files("app")).recorded().orElseThrow();

      assertThat(row.status()).isEqualTo(BackupStatus.SUCCEEDED);
      assertThat(row.kind()).isEqualTo(Kind.FILES);
      assertThat(row.databases()).isEmpty();
      assertThat(paths(coffer, row)).containsExactly("blob.bin file", "conf dir", "conf/app.ini file",
          "current symlink");
      BackupReport report = coffer.backups().report(row.id()).orElseThrow();
      FilesReport done = report.files();
      assertThat(done.dataDirectory()).isEqualTo(files.toString());
      assertThat(done.quiesce()).isEqualTo("none");
      assertThat(done.files()).isEqualTo(2);
      assertThat(done.bytes()).isEqualTo(300_000 + 12);
      assertThat(done.reused()).isZero();
      assertThat(coffer.backups().contents(row.id()).manifest().tags())
          .containsEntry("kind", "FILES").containsEntry("data-directory", files.toString())
          .containsEntry("quiesce", "none");
    }
  }

  @Test
  void levelOne_readsOnlyWhatChanged_andNamesItsParent() throws IOException {
    try (Coffer coffer = home.open()) {
      Backup first = run(coffer, files("app")).recorded().orElseThrow();
      Files.writeString(files.resolve("conf/app.ini"), "port = 9090\n");
      Backup second = run(coffer, files("app").level(1)).recorded().orElseThrow();

      assertThat(second.parentId()).isEqualTo(first.id());
      FilesReport done = coffer.backups().report(second.id()).orElseThrow().files();
      assertThat(done.files()).isEqualTo(2);
      assertThat(done.reused()).as("blob.bin is unchanged and not read").isEqualTo(1);
      assertThat(second.bytesRead()).isLessThan(1_000);
      assertThat(second.logTail()).contains("files unchanged since backup " + first.id() + " are not read");
    }
  }

  @Test
  void stopStart_runsBothInOrder_andRecordsTheDowntime() throws IOException {
    try (Coffer coffer = home.open()) {
      coffer.catalog().config().setForNode("app", "quiesce",
          "stop-start stop='echo stop >> " + events + "; sleep 0.2' start='echo start >> " + events + "'");
      Backup row = run(coffer, files("app")).recorded().orElseThrow();

      assertThat(events).hasContent("stop\nstart");
      FilesReport done = coffer.backups().report(row.id()).orElseThrow().files();
      assertThat(done.quiesce()).isEqualTo("stop-start");
      assertThat(done.downtimeMillis()).isGreaterThanOrEqualTo(200);
      assertThat(done.quiesceSteps()).anyMatch(s -> s.startsWith("stop command ran"))
          .anyMatch(s -> s.startsWith("start command ran"));
      assertThat(row.logTail()).contains("the database was stopped for");
    }
  }

  @Test
  void failingStop_takesNoCopy_runsStart_andFails() throws IOException {
    try (Coffer coffer = home.open()) {
      BackupOrder order = files("app").quiesce("stop-start stop='exit 3' start='echo start >> " + events + "'");
      assertThatThrownBy(() -> run(coffer, order)).isInstanceOf(BackupFailedException.class)
          .hasMessageContaining("stop command failed, so no copy was taken").hasMessageContaining("the start command ran");

      assertThat(events).hasContent("start");
      Backup row = coffer.catalog().backups().list(BackupFilter.newest()).get(0);
      assertThat(row.status()).isEqualTo(BackupStatus.FAILED);
      assertThat(row.manifestId()).isNull();
      assertThat(coffer.volumeOpener().open(home.volume.toString()).backups()).isEmpty();
    }
  }

  @Test
  void failingStart_failsLoudly_theDatabaseIsDown() throws IOException {
    try (Coffer coffer = home.open()) {
      BackupOrder order = files("app").quiesce("stop-start stop=true start='exit 1'");
      assertThatThrownBy(() -> run(coffer, order)).isInstanceOf(BackupFailedException.class)
          .hasMessageContaining("FAILED: THE DATABASE IS DOWN");
      Backup row = coffer.catalog().backups().list(BackupFilter.newest()).get(0);
      assertThat(row.status()).isEqualTo(BackupStatus.FAILED);
      assertThat(row.error()).startsWith("THE DATABASE IS DOWN");
    }
  }

  @Test
  void databaseNode_refusesQuiesceNone_unlessForced_andRecordsNothing() throws IOException {
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> run(coffer, files("shop")))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("quiesce").hasMessageContaining("none")
          .hasMessageContaining("sqlite database").hasMessageContaining("--force-unquiesced");
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).isEmpty();

      Backup forced = run(coffer, files("shop").forceUnquiesced(true)).recorded().orElseThrow();
      assertThat(forced.status()).isEqualTo(BackupStatus.SUCCEEDED);
      assertThat(paths(coffer, forced)).contains("shop.db file");
    }
  }

  @Test
  void definition_ofAFilesystemNode_isFiles_withItsOwnQuiesce_andFollowsItsLevelPlan() throws IOException {
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(io.coffer.catalog.agent.NewAgent.of("backup01"));
      io.coffer.catalog.definition.Definition definition = coffer.definitions().add(
          io.coffer.catalog.definition.NewDefinition.of("backup01", "app", "vault", null)
              .levels(io.coffer.catalog.definition.LevelPlan.parse("0,1"))
              .files(new io.coffer.catalog.definition.FilesOptions(
                  "pre-post   post=\"echo post >> " + events + "\" pre='echo pre >> " + events + "'", "fail", false)));
      assertThat(definition.kind()).isEqualTo(Kind.FILES);
      assertThat(definition.databases()).hasToString("#all_databases#");
      assertThat(definition.files().quiesce()).isEqualTo("pre-post post='echo post >> " + events + "' pre='echo pre >> "
          + events + "'");

      Backup full = run(coffer, BackupOrder.ofDefinition(definition.id())).recorded().orElseThrow();
      Backup incremental = run(coffer, BackupOrder.ofDefinition(definition.id())).recorded().orElseThrow();

      assertThat(incremental.level()).isEqualTo(1);
      assertThat(incremental.parentId()).isEqualTo(full.id());
      assertThat(coffer.backups().report(incremental.id()).orElseThrow().files().reused()).isEqualTo(2);
      assertThat(coffer.backups().report(incremental.id()).orElseThrow().files().onChange()).isEqualTo("fail");
      assertThat(events).hasContent("pre\npost\npre\npost");
    }
  }

  @Test
  void definition_runsWithoutTheCatalog_withTheQuiesceItCached() throws IOException {
    long id;
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(io.coffer.catalog.agent.NewAgent.of("backup01"));
      coffer.nodes().set("app", "quiesce", "stop-start stop='echo stop >> " + events + "' start='echo start >> "
          + events + "'");
      id = coffer.definitions().add(io.coffer.catalog.definition.NewDefinition.of("backup01", "app", "vault", null))
          .id();
      run(coffer, BackupOrder.ofDefinition(id));
    }
    try (Coffer offline = home.open(home.config(java.util.Map.of("COFFER_CATALOG_URL",
        "jdbc:postgresql://127.0.0.1:1/coffer", "COFFER_CATALOG_USER", "coffer")))) {
      BackupOutcome outcome = run(offline, BackupOrder.ofDefinition(id));
      assertThat(outcome.recorded()).isEmpty();
      assertThat(outcome.pendingFile()).isPresent();
      assertThat(outcome.result().status()).isEqualTo("SUCCEEDED");
    }
    assertThat(events).hasContent("stop\nstart\nstop\nstart");
  }

  @Test
  void fileWrittenDuringAnUnquiescedBackup_isNamed_andFailsItUnderOnChangeFail() throws Exception {
    Path busy = files.resolve("busy.dat");
    Files.write(busy, new byte[16 << 20]);
    java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    // Rewrites the first block without pause: every write moves the file's mtime and ctime.
    Thread writer = new Thread(() -> {
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(busy,
          java.nio.file.StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(4096);
        while (!stop.get()) {
          block.clear();
          ch.write(block, 0);
          writes.incrementAndGet();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    try (Coffer coffer = home.open()) {
      Await.until("the writer's first 100 writes", () -> writes.get() >= 100,
          () -> assertThat(writer.isAlive()).as("the writer is writing").isTrue());
      Backup warned = run(coffer, files("app")).recorded().orElseThrow();
      FilesReport report = coffer.backups().report(warned.id()).orElseThrow().files();
      assertThat(report.changed()).anyMatch(c -> c.startsWith("busy.dat ("));
      assertThat(warned.logTail()).contains("warning: changed while read: busy.dat");

      assertThatThrownBy(() -> run(coffer, files("app").onChange("fail"))).isInstanceOf(BackupFailedException.class)
          .hasMessageContaining("changed while they were read (quiesce none): busy.dat");
      assertThat(writer.isAlive()).as("the writer kept writing through both backups").isTrue();
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  @Test
  void unreadableFile_failsTheBackup_namingIt() throws Exception {
    Path locked = Files.createFile(files.resolve("locked"));
    // Root reads every ordinary file; a kernel attribute with no read operation refuses even root.
    sh("mount", "--bind", "/sys/bus/pci/drivers_probe", locked.toString());
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> run(coffer, files("app"))).isInstanceOf(BackupFailedException.class)
          .hasMessageContaining("1 file(s) of " + files + " could not be read: locked (AccessDeniedException");
    } finally {
      sh("umount", locked.toString());
    }
  }

  @Test
  void snapshotThatCannotBeTaken_failsTheBackup_namingWhy() {
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> run(coffer, files("app").quiesce("btrfs"))).isInstanceOf(BackupFailedException.class)
          .hasMessageContaining("btrfs");
      Backup row = coffer.catalog().backups().list(BackupFilter.newest()).get(0);
      assertThat(row.status()).isEqualTo(BackupStatus.FAILED);
      assertThat(row.manifestId()).isNull();
    }
  }

  private static void sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Test
  void badInput_isRefusedNamingTheField_andRecordsNothing() {
    try (Coffer coffer = home.open()) {
      assertThatThrownBy(() -> run(coffer, files("app").quiesce("stop-start stop=true")))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("quiesce.start");
      assertThatThrownBy(() -> run(coffer, files("app").quiesce("snapshot-everything")))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("snapshot-everything")
          .hasMessageContaining("stop-start");
      assertThatThrownBy(() -> run(coffer, BackupOrder.byHand("app", "sales").kind(Kind.FILES)))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("whole data directory");
      assertThatThrownBy(() -> run(coffer, files("app").onChange("ignore")))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("on-change")
          .hasMessageContaining("warn or fail");
      assertThat(coffer.catalog().backups().list(BackupFilter.newest())).isEmpty();
      coffer.catalog().agents().add(io.coffer.catalog.agent.NewAgent.of("backup01"));
      assertThatThrownBy(() -> coffer.definitions().add(io.coffer.catalog.definition.NewDefinition.of("backup01", "app",
          "vault", null).files(io.coffer.catalog.definition.FilesOptions.OF_NODE.withQuiesce("lvm volume-group=vg"))))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("quiesce.logical-volume");
      assertThatThrownBy(() -> coffer.definitions().add(io.coffer.catalog.definition.NewDefinition.of("backup01", "app",
          "vault", io.coffer.catalog.definition.DatabaseSelector.parse("sales"))))
          .isInstanceOf(CatalogValidationException.class).hasMessageContaining("whole data directory");
      assertThat(coffer.catalog().definitions().list(io.coffer.catalog.definition.DefinitionFilter.all())).isEmpty();
    }
  }
}
