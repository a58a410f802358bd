package io.coffer.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatTest {

  @TempDir Path dir;

  @Test
  void theTestJvmReadsTheJdksResultDirectly_asTheLauncherDoes() {
    // Surefire opens sun.nio.fs as the jar's manifest does: without it every test below would only
    // compare the attribute map with itself.
    assertThat(UnixAttributes.available()).isTrue();
  }

  @Test
  void directReadEqualsTheAttributeView_forEveryKindOfPath() throws Exception {
    Path file = Files.write(dir.resolve("file"), new byte[12345]);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z")));
    Path special = Files.createFile(dir.resolve("special"));
    run("chmod", "7751", special.toString());
    Path sub = Files.createDirectory(dir.resolve("sub"));
    run("chmod", "1777", sub.toString());
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("nowhere"));
    Path hard = Files.createLink(dir.resolve("hard"), file);
    Path fifo = dir.resolve("fifo");
    run("mkfifo", fifo.toString());

    for (Path p : new Path[] {file, special, sub, link, dangling, hard, fifo, dir}) {
      FileStat direct = UnixAttributes.read(p);
      assertThat(direct).as(p.toString()).isNotNull().isEqualTo(FileStat.viaAttributeView(p));
      assertThat(FileStat.of(p)).isEqualTo(direct);
    }
    assertThat(FileStat.of(file).type()).isEqualTo(FileStat.Type.FILE);
    assertThat(FileStat.of(file).size()).isEqualTo(12345);
    assertThat(FileStat.of(file).mtime()).isEqualTo(FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z")));
    assertThat(FileStat.of(file).links()).isEqualTo(2);
    assertThat(FileStat.of(hard).inode()).isEqualTo(FileStat.of(file).inode());
    assertThat(FileStat.of(special).mode()).isEqualTo(07751);
    assertThat(FileStat.of(sub).type()).isEqualTo(FileStat.Type.DIR);
    assertThat(FileStat.of(sub).mode()).isEqualTo(01777);
    assertThat(FileStat.of(link).type()).isEqualTo(FileStat.Type.SYMLINK);
    assertThat(FileStat.of(dangling).type()).isEqualTo(FileStat.Type.SYMLINK);
    assertThat(FileStat.of(fifo).type()).isEqualTo(FileStat.Type.OTHER);
  }

  @Test
  void aChangedFileReadsChanged() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "one");
    FileStat before = FileStat.of(file);
    Files.writeString(file, "three");
    FileStat after = FileStat.of(file);
    assertThat(before.sameVersion(after)).isFalse();
    assertThat(before.differences(after)).contains("size 3 -> 5");
  }

  @Test
  void aMissingPathIsNoSuchFile_onBothPaths() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> UnixAttributes.read(missing)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> FileStat.viaAttributeView(missing)).isInstanceOf(NoSuchFileException.class);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
  }
}
