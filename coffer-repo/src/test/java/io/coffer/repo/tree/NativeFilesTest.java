package io.coffer.repo.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.manifest.Tree;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restored node's owner, mode and time through the C library, held to what the JDK's views set. */
class NativeFilesTest {

  private static final boolean ROOT = Owners.canChown();
  private static final Instant T = Instant.parse("2024-02-29T12:34:56.123456789Z");

  @TempDir Path dir;

  @Test
  void theTestJvmBindsTheCLibrary_asTheLauncherDoes() {
    // Linux on x86-64, as every machine that runs these tests: without the binding each test below
    // would pass without calling it (restores fall back to the JDK's views).
    assertThat(NativeFiles.available()).isTrue();
  }

  @Test
  void setsWhatTheJdksViewsSet_onFilesAndDirectories_keepingTheAccessTime() throws Exception {
    int uid = ROOT ? 4242 : FileStat.of(dir).uid();
    int gid = ROOT ? 4343 : FileStat.of(dir).gid();
    for (String kind : new String[] {"file", "dir"}) {
      Path viaC = make(kind, "c-" + kind);
      Path viaJdk = make(kind, "jdk-" + kind);
      FileTime atime = FileTime.from(Instant.parse("2020-01-01T00:00:00.5Z"));
      for (Path p : new Path[] {viaC, viaJdk}) {
        Files.getFileAttributeView(p, BasicFileAttributeView.class).setTimes(null, atime, null);
      }
      int mode = kind.equals("dir") ? 03751 : 04751;

      NativeFiles.setAttributes(viaC, uid, gid, mode, T);
      Files.setAttribute(viaJdk, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(viaJdk, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(viaJdk, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
      Files.getFileAttributeView(viaJdk, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(FileTime.from(T), null, null);

      FileStat c = FileStat.of(viaC);
      FileStat jdk = FileStat.of(viaJdk);
      assertThat(c.uid()).as(kind).isEqualTo(uid).isEqualTo(jdk.uid());
      assertThat(c.gid()).as(kind).isEqualTo(gid).isEqualTo(jdk.gid());
      assertThat(c.mode()).as(kind).isEqualTo(mode).isEqualTo(jdk.mode());
      assertThat(c.mtime()).as(kind).isEqualTo(FileTime.from(T)).isEqualTo(jdk.mtime());
      assertThat(Files.getAttribute(viaC, "lastAccessTime")).as(kind).isEqualTo(atime)
          .isEqualTo(Files.getAttribute(viaJdk, "lastAccessTime"));
    }
  }

  @Test
  void minusOneAndNullLeaveThatAttributeAsItIs() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    Files.setAttribute(f, "unix:mode", 0640);
    FileStat before = FileStat.of(f);

    NativeFiles.setAttributes(f, -1, -1, -1, null);
    assertThat(FileStat.of(f)).isEqualTo(before);

    NativeFiles.setAttributes(f, -1, -1, 0600, null);
    assertThat(FileStat.of(f).mode()).isEqualTo(0600);
    assertThat(FileStat.of(f).mtime()).isEqualTo(before.mtime());

    NativeFiles.setAttributes(f, -1, -1, -1, T);
    assertThat(FileStat.of(f).mode()).isEqualTo(0600);
    assertThat(FileStat.of(f).mtime()).isEqualTo(FileTime.from(T));
    assertThat(FileStat.of(f).uid()).isEqualTo(before.uid());
  }

  @Test
  void aSymlinkIsNotFollowed_andAMissingPathIsNamed() throws Exception {
    Path target = Files.writeString(dir.resolve("target"), "x");
    Files.setAttribute(target, "unix:mode", 0644);
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    FileStat before = FileStat.of(target);

    assertThatThrownBy(() -> NativeFiles.setAttributes(link, -1, -1, 0777, T))
        .isInstanceOf(FileSystemException.class).hasMessageContaining(link.toString())
        .hasMessageContaining("symbolic link");
    assertThat(FileStat.of(target)).isEqualTo(before);

    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> NativeFiles.setAttributes(missing, -1, -1, 0644, null))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void syncingAFileSystem_takesADirectory_andNamesWhatItCannotSync() throws Exception {
    Files.writeString(dir.resolve("written"), "x".repeat(1 << 16));
    NativeFiles.syncFileSystem(dir);

    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> NativeFiles.syncFileSystem(file))
        .isInstanceOf(NotDirectoryException.class).hasMessageContaining(file.toString());
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> NativeFiles.syncFileSystem(missing))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void writebackAndReadAhead_areAskedForAFile_neverThroughASymlink() throws Exception {
    Path f = Files.write(dir.resolve("f"), new byte[1 << 20]);
    assertThat(NativeFiles.startWriteback(f, 0, 1 << 20)).isTrue();
    assertThat(NativeFiles.willNeed(f, 4096, 8192)).isTrue();

    Path missing = dir.resolve("missing");
    assertThat(NativeFiles.startWriteback(missing, 0, 1)).isFalse();
    assertThat(NativeFiles.willNeed(missing, 0, 1)).isFalse();
    Path link = Files.createSymbolicLink(dir.resolve("link"), f);
    assertThat(NativeFiles.startWriteback(link, 0, 1)).isFalse();
    assertThat(NativeFiles.willNeed(link, 0, 1)).isFalse();
  }

  @Test
  void givingAFileAway_needsRoot() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    if (ROOT) {
      NativeFiles.setAttributes(f, 4242, -1, -1, null);
      assertThat(FileStat.of(f).uid()).isEqualTo(4242);
      assertThat(FileStat.of(f).gid()).isEqualTo(FileStat.of(dir).gid());
    } else {
      assertThatThrownBy(() -> NativeFiles.setAttributes(f, 0, 0, -1, null))
          .isInstanceOf(AccessDeniedException.class).hasMessageContaining(f.toString());
    }
  }

  @Test
  void ownersGiveTheNumberOfANameKnownHere_elseTheRecordedNumber() {
    Owners owners = new Owners();
    assertThat(owners.ids(new Tree.Owner(4242, 4343, "root", "root"))).containsExactly(0, 0);
    assertThat(owners.ids(new Tree.Owner(4242, 4343, "no-such-user-coffer", "no-such-group-coffer")))
        .containsExactly(4242, 4343);
    assertThat(owners.ids(new Tree.Owner(4242, 4343, null, null))).containsExactly(4242, 4343);
  }

  private Path make(String kind, String name) throws Exception {
    return kind.equals("dir") ? Files.createDirectory(dir.resolve(name)) : Files.writeString(dir.resolve(name), name);
  }
}
