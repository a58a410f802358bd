package io.coffer.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore's last step: the target made durable, by syncfs here and file by file elsewhere. */
class DiskSyncTest {

  @TempDir Path dir;

  @Test
  void theFileByFileWay_forcesFilesAndDirectories_andFollowsNoSymlink() throws Exception {
    Path target = Files.createDirectories(dir.resolve("target/sub/deeper"));
    Files.writeString(target.resolve("f"), "x".repeat(100_000));
    Files.writeString(dir.resolve("target/top"), "y");
    Path writeOnly = Files.writeString(dir.resolve("target/sub/write-only"), "z");
    Files.setAttribute(writeOnly, "unix:mode", 0200);
    // A fifo outside the target, reached through a symlink: opened for reading it would wait for a
    // writer for ever.
    Path fifo = dir.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Files.createSymbolicLink(dir.resolve("target/sub/to-fifo"), fifo);
    Files.createSymbolicLink(dir.resolve("target/to-dir"), dir);

    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> DiskSync.forceEach(dir.resolve("target")));
    assertThat(target.resolve("f")).hasSize(100_000);
  }

  @Test
  void aMissingTarget_isNamed_eitherWay() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> DiskSync.sync(missing)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> DiskSync.forceEach(missing)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }
}
