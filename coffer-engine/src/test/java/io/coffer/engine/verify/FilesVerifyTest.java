package io.coffer.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.node.NewNode;
import io.coffer.catalog.verification.Verification;
import io.coffer.catalog.verification.VerificationScope;
import io.coffer.catalog.verification.VerificationStatus;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification of FILES backups: every file read back from the volume, damage named per file. */
class FilesVerifyTest {

  @TempDir Path tmp;
  TestHome home;

  @BeforeEach
  void setUp() throws IOException {
    home = new TestHome(tmp);
    home.setUp(100_000);
    Path app = Files.createDirectories(tmp.resolve("app"));
    byte[] blob = new byte[3_000_000];
    new Random(11).nextBytes(blob);
    Files.write(app.resolve("blob.bin"), blob);
    Files.writeString(app.resolve("small.txt"), "small\n");
    try (Coffer coffer = home.open()) {
      coffer.nodes().add(NewNode.builder("app", Engine.FILESYSTEM).dataDirectory(app.toString()).build());
    }
  }

  private static Backup backup(Coffer coffer) {
    return coffer.backups().run(BackupOrder.byHand("app", null).kind(Kind.FILES), ProgressListener.NONE,
        SourceListener.NONE).recorded().orElseThrow();
  }

  @Test
  void intactBackup_passes_countingFilesAndBytes() {
    try (Coffer coffer = home.open()) {
      Backup backup = backup(coffer);
      Verification v = coffer.verifications().run(VerifyOrder.of(backup.id()), SourceListener.NONE,
          ProgressListener.NONE);
      assertThat(v.status()).isEqualTo(VerificationStatus.PASSED);
      assertThat(v.scope()).isEqualTo(VerificationScope.FILES);
      assertThat(v.tablesChecked()).isEqualTo(2);
      assertThat(v.rowsChecked()).isEqualTo(3_000_006);
      assertThat(v.scratchDatabases()).isEmpty();
    }
  }

  @Test
  void damagedPack_failsTheVerification_namingTheFile() throws IOException {
    long id;
    try (Coffer coffer = home.open()) {
      id = backup(coffer).id();
    }
    Path pack;
    try (Stream<Path> files = Files.walk(home.volume.resolve("data"))) {
      pack = files.filter(Files::isRegularFile).max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      f.seek(pack.toFile().length() / 3);
      int b = f.read();
      f.seek(pack.toFile().length() / 3);
      f.write(b ^ 0x10);
    }
    try (Coffer coffer = home.open()) {
      Verification v = coffer.verifications().run(VerifyOrder.of(id), SourceListener.NONE, ProgressListener.NONE);
      assertThat(v.status()).isEqualTo(VerificationStatus.FAILED);
      assertThat(v.differences()).anyMatch(d -> d.startsWith("blob.bin: cannot be read back"));
    }
  }
}
