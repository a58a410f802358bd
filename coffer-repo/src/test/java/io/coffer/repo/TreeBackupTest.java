package io.coffer.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.backend.MemoryBackend;
import io.coffer.repo.manifest.Content;
import io.coffer.repo.manifest.Entry;
import io.coffer.repo.manifest.Manifest;
import io.coffer.repo.manifest.Tree;
import io.coffer.repo.tree.FileStat;
import io.coffer.repo.tree.RestoreOptions;
import io.coffer.repo.tree.TreeListener;
import io.coffer.repo.tree.TreeOptions;
import io.coffer.repo.tree.TreeRestore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees with the metadata of a data directory: hard links, holes, owners, modes, attributes, levels. */
class TreeBackupTest {

  @TempDir Path tmp;
  private Volume volume;
  private Path src;

  @BeforeEach
  void open() throws Exception {
    volume = TestData.init(new MemoryBackend(), TestData.smallVolume(), "TreeBackupTest");
    src = Files.createDirectories(tmp.resolve("src"));
  }

  @AfterEach
  void close() throws Exception {
    volume.close();
  }

  @Test
  void tree_keepsHardLinksHolesOwnersModesTimesAndAttributes() throws Exception {
    Files.createDirectories(src.resolve("base/1"));
    Files.write(src.resolve("base/1/1259"), TestData.dumpLike(7, 200_000));
    Files.createLink(src.resolve("base/1259.link"), src.resolve("base/1/1259"));
    try (RandomAccessFile f = new RandomAccessFile(src.resolve("sparse.dat").toFile(), "rw")) {
      f.seek(3 << 20);
      f.write("middle".getBytes(StandardCharsets.UTF_8));
      f.setLength(8 << 20);
    }
    Files.writeString(src.resolve("owned"), "x");
    sh("chown", "4242:4343", src.resolve("owned").toString());
    sh("chmod", "2750", src.resolve("base").toString());
    sh("chmod", "1777", src.resolve("base/1").toString());
    sh("chmod", "700", src.toString());
    sh("setfattr", "-n", "user.coffer", "-v", "kept", src.resolve("owned").toString());
    sh("setfacl", "-m", "u:4242:r", src.resolve("base/1/1259").toString());
    Files.createSymbolicLink(src.resolve("wal"), Path.of("base/1"));
    FileTime nanos = FileTime.from(Instant.parse("2024-02-29T12:34:56.123456789Z"));
    Files.setLastModifiedTime(src.resolve("owned"), nanos);

    Entry e = write(src, TreeOptions.full()).entry("data");
    Path out = tmp.resolve("out");
    restore(e, out, RestoreOptions.defaults().withOwners(true));

    assertThat(Files.readAllBytes(out.resolve("base/1/1259"))).isEqualTo(Files.readAllBytes(src.resolve("base/1/1259")));
    assertThat(FileStat.of(out.resolve("base/1259.link")).inode()).isEqualTo(FileStat.of(out.resolve("base/1/1259")).inode());
    assertThat(Files.readAllBytes(out.resolve("sparse.dat"))).isEqualTo(Files.readAllBytes(src.resolve("sparse.dat")));
    assertThat(allocatedBytes(out.resolve("sparse.dat"))).isLessThan(1 << 20);
    FileStat owned = FileStat.of(out.resolve("owned"));
    assertThat(owned.uid()).isEqualTo(4242);
    assertThat(owned.gid()).isEqualTo(4343);
    assertThat(owned.mtime()).isEqualTo(nanos);
    assertThat(FileStat.of(out.resolve("base")).mode()).isEqualTo(02750);
    assertThat(FileStat.of(out.resolve("base/1")).mode()).isEqualTo(01777);
    assertThat(FileStat.of(out).mode()).isEqualTo(0700);
    assertThat(sh("getfattr", "--absolute-names", "-n", "user.coffer", "--only-values", out.resolve("owned").toString())).isEqualTo("kept");
    assertThat(sh("getfacl", "-n", "-c", out.resolve("base/1/1259").toString())).contains("user:4242:r--");
    assertThat(Files.readSymbolicLink(out.resolve("wal"))).isEqualTo(Path.of("base/1"));
  }

  @Test
  void tree_writtenBeforeMetadataExisted_stillRestores() throws Exception {
    byte[] old = """
        {"nodes":[{"name":"a.txt","type":"file","mode":384,"mtime":"2024-01-02T03:04:05Z","size":0,
        "content":{"ids":[]}}]}""".getBytes(StandardCharsets.UTF_8);
    Manifest m = crafted(old);
    Path out = tmp.resolve("out");
    try (BackupReader r = volume.reader()) {
      r.restoreTree(m.time(), m.entry("data"), out, RestoreOptions.defaults(), ProgressListener.NONE);
    }
    assertThat(out.resolve("a.txt")).isEmptyFile();
    assertThat(FileStat.of(out.resolve("a.txt")).mode()).isEqualTo(0600);
    assertThat(Files.getLastModifiedTime(out.resolve("a.txt")).toInstant()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
  }

  @Test
  void restore_ofManyFiles_writesEachWhole_withItsModeAndTime() throws Exception {
    // Files are written by several threads while the tree is walked: every one must arrive whole,
    // in its own directory, with its own metadata, hard links to a file written by another thread.
    for (int i = 0; i < 300; i++) {
      Path f = Files.createDirectories(src.resolve("d" + i % 7)).resolve("f" + i);
      Files.write(f, TestData.dumpLike(i, i * 97));
      Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i)));
      sh("chmod", i % 2 == 0 ? "600" : "644", f.toString());
    }
    Files.createLink(src.resolve("d0/link"), src.resolve("d5/f299"));
    Path out = tmp.resolve("out");
    TreeRestore done = restore(write(src, TreeOptions.full()).entry("data"), out, RestoreOptions.defaults());

    assertThat(done.files()).isEqualTo(301);
    for (int i = 0; i < 300; i++) {
      Path f = out.resolve("d" + i % 7).resolve("f" + i);
      assertThat(Files.readAllBytes(f)).as(f.toString()).isEqualTo(Files.readAllBytes(src.resolve("d" + i % 7 + "/f" + i)));
      assertThat(FileStat.of(f).mode()).isEqualTo(i % 2 == 0 ? 0600 : 0644);
      assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i));
    }
    assertThat(FileStat.of(out.resolve("d0/link")).inode()).isEqualTo(FileStat.of(out.resolve("d5/f299")).inode());
  }

  @Test
  void restore_failsWithTheFirstFileThatCannotBeRead_andStopsItsWriters() throws Exception {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      nodes.append("{\"name\":\"f").append(i).append("\",\"type\":\"file\",\"size\":0,\"content\":{\"ids\":[]}},");
    }
    nodes.append("{\"name\":\"lost\",\"type\":\"file\",\"size\":5,\"content\":{\"ids\":[\"")
        .append("ab".repeat(32)).append("\"]}}");
    Manifest m = crafted(("{\"nodes\":[" + nodes + "]}").getBytes(StandardCharsets.UTF_8));
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    assertThatThrownBy(() -> restore(m.entry("data"), tmp.resolve("out"), RestoreOptions.defaults()))
        .isInstanceOf(CorruptDataException.class).hasMessageContaining("abababab");
    // The pool reports its termination from its last worker just before that thread ends: join them.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(t) && t.getName().equals("coffer-restore-write")) {
        t.join(Duration.ofMinutes(1).toMillis());
      }
    }
    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t) && t.isAlive())
        .extracting(Thread::getName).doesNotContain("coffer-restore-write");
  }

  @Test
  void restore_refusesPathTraversal_inACraftedTree() throws Exception {
    Path outside = tmp.resolve("outside");
    for (String tree : List.of(
        "{\"nodes\":[{\"name\":\"..\",\"type\":\"file\",\"size\":0,\"content\":{\"ids\":[]}}]}",
        "{\"nodes\":[{\"name\":\"../outside\",\"type\":\"file\",\"size\":0,\"content\":{\"ids\":[]}}]}",
        "{\"nodes\":[{\"name\":\"up\",\"type\":\"symlink\",\"target\":\"" + tmp + "\"}]}",
        "{\"nodes\":[{\"name\":\"up\",\"type\":\"symlink\",\"target\":\"../..\"},"
            + "{\"name\":\"up\",\"type\":\"dir\",\"subtree\":\"%s\"}]}")) {
      Manifest m = crafted(tree.getBytes(StandardCharsets.UTF_8));
      Path out = tmp.resolve("out-" + Math.abs(tree.hashCode()));
      try (BackupReader r = volume.reader()) {
        assertThatThrownBy(() -> r.restoreTree(m.time(), m.entry("data"), out, RestoreOptions.defaults(),
            ProgressListener.NONE)).hasMessageContaining("refus");
      }
    }
    assertThat(outside).doesNotExist();
    assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).allMatch(n -> n.equals("src") || n.startsWith("out-"));
  }

  @Test
  void restore_refusesANonEmptyTarget_unlessForced_andAPlantedSymlinkIsNotFollowed() throws Exception {
    Files.createDirectories(src.resolve("conf"));
    Files.writeString(src.resolve("conf/app.conf"), "from backup");
    Entry e = write(src, TreeOptions.full()).entry("data");
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(out.resolve("conf"), elsewhere);

    assertThatThrownBy(() -> restore(e, out, RestoreOptions.defaults()))
        .hasMessageContaining("restore target " + out + " is not empty")
        .hasMessageContaining("--force");
    restore(e, out, RestoreOptions.defaults().withForce(true));

    assertThat(Files.isSymbolicLink(out.resolve("conf"))).isFalse();
    assertThat(out.resolve("conf/app.conf")).hasContent("from backup");
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void restore_ofOnePath_andWithLockFilesExcluded() throws Exception {
    Files.createDirectories(src.resolve("base/1"));
    Files.writeString(src.resolve("base/1/16384"), "rows");
    Files.writeString(src.resolve("base/1/PG_VERSION"), "15");
    Files.writeString(src.resolve("postmaster.pid"), "4711");
    Entry e = write(src, TreeOptions.full()).entry("data");

    Path sub = tmp.resolve("sub");
    restore(e, sub, RestoreOptions.defaults().withPath("base/1"));
    assertThat(Files.list(sub).map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("16384", "PG_VERSION");
    Path one = tmp.resolve("one");
    restore(e, one, RestoreOptions.defaults().withPath("/base/1/16384"));
    assertThat(one.resolve("16384")).hasContent("rows");
    Path all = tmp.resolve("all");
    TreeRestore done = restore(e, all, RestoreOptions.defaults().withExclude(List.of("*.pid")));
    assertThat(done.excluded()).containsExactly("postmaster.pid");
    assertThat(all.resolve("postmaster.pid")).doesNotExist();
    assertThatThrownBy(() -> restore(e, tmp.resolve("none"), RestoreOptions.defaults().withPath("base/2")))
        .hasMessageContaining("path 'base/2' is not in backup");
  }

  @Test
  void write_leavesOutWhatTheOptionsName_withEverythingBelowIt() throws Exception {
    Files.createDirectories(src.resolve("pg_wal/archive_status"));
    Files.writeString(src.resolve("pg_wal/000000010000000000000001"), "wal");
    Files.writeString(src.resolve("pg_wal/archive_status/000000010000000000000001.done"), "");
    Files.createDirectories(src.resolve("base/1/pgsql_tmp"));
    Files.writeString(src.resolve("base/1/pgsql_tmp/t1"), "spill");
    Files.writeString(src.resolve("base/1/16384"), "rows");
    Files.writeString(src.resolve("postmaster.pid"), "4711");
    List<String> stored = Collections.synchronizedList(new ArrayList<>());
    TreeListener listener = new TreeListener() {
      @Override
      public void stored(String path, long bytes, boolean reused) {
        stored.add(path);
      }
    };
    Entry e = write(src, TreeOptions.full().withListener(listener).withLeaveOut(path -> path.equals("postmaster.pid")
        || path.endsWith("/pgsql_tmp") || path.startsWith("pg_wal/") && !path.equals("pg_wal/archive_status")))
        .entry("data");

    List<String> names = new ArrayList<>();
    try (BackupReader r = volume.reader()) {
      r.walk(e, null, (path, node) -> names.add(path));
    }
    assertThat(names).containsExactlyInAnyOrder("base", "base/1", "base/1/16384", "pg_wal", "pg_wal/archive_status");
    assertThat(stored).containsExactly("base/1/16384");
  }

  @Test
  void restore_refusesATargetWithTooLittleFreeSpace_beforeWritingAnything() throws Exception {
    Files.writeString(src.resolve("f"), "x");
    Entry e = write(src, TreeOptions.full()).entry("data");
    Entry huge = new Entry(e.name(), e.type(), 1L << 60, null, e.tree(), e.root());
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> restore(huge, out, RestoreOptions.defaults()))
        .hasMessageContaining("bytes free; the backup needs " + (1L << 60) + " bytes; nothing was written");
    assertThat(out).doesNotExist();
  }

  @Test
  void level_readsOnlyChangedFiles_andEachBackupRestoresAlone() throws Exception {
    for (int i = 0; i < 20; i++) {
      Files.writeString(src.resolve("f" + i), "version 1 of " + i);
    }
    Entry first = write(src, TreeOptions.full()).entry("data");
    Files.writeString(src.resolve("f3"), "version 2 of 3, longer");
    Files.delete(src.resolve("f7"));
    Files.writeString(src.resolve("f7"), "replaced 7");
    List<String> read = Collections.synchronizedList(new ArrayList<>());
    TreeListener listener = new TreeListener() {
      @Override
      public void stored(String path, long bytes, boolean reused) {
        if (!reused) {
          read.add(path);
        }
      }
    };
    Entry second = write(src, TreeOptions.full().withPrevious(first.tree()).withListener(listener)).entry("data");

    assertThat(read).containsExactlyInAnyOrder("f3", "f7");
    Path one = tmp.resolve("one");
    Path two = tmp.resolve("two");
    restore(first, one, RestoreOptions.defaults());
    restore(second, two, RestoreOptions.defaults());
    assertThat(one.resolve("f3")).hasContent("version 1 of 3");
    assertThat(two.resolve("f3")).hasContent("version 2 of 3, longer");
    assertThat(two.resolve("f7")).hasContent("replaced 7");
    assertThat(two.resolve("f12")).hasContent("version 1 of 12");
  }

  @Test
  void level_keepsTheTreeBlobsOfUnchangedDirectories_andPicksUpAChangeDeepBelow() throws Exception {
    Path deep = Files.createDirectories(src.resolve("a/b/c"));
    Files.createDirectories(src.resolve("quiet/inner"));
    Files.writeString(deep.resolve("f"), "version 1");
    Files.writeString(src.resolve("quiet/inner/g"), "never changes");
    Files.writeString(src.resolve("top"), "top");
    Entry first = write(src, TreeOptions.full()).entry("data");
    Entry unchanged = write(src, TreeOptions.full().withPrevious(first.tree())).entry("data");
    assertThat(unchanged.tree()).as("nothing changed: the same root tree blob").isEqualTo(first.tree());

    // Same size, and the mtime set back: only the ctime and the bytes differ.
    FileTime mtime = Files.getLastModifiedTime(deep.resolve("f"));
    Files.writeString(deep.resolve("f"), "version 2");
    Files.setLastModifiedTime(deep.resolve("f"), mtime);
    Entry changed = write(src, TreeOptions.full().withPrevious(unchanged.tree())).entry("data");

    assertThat(changed.tree()).isNotEqualTo(first.tree());
    assertThat(subtree(changed.tree(), "quiet")).as("a directory with nothing changed below keeps its blob")
        .isEqualTo(subtree(first.tree(), "quiet"));
    assertThat(subtree(changed.tree(), "a")).isNotEqualTo(subtree(first.tree(), "a"));
    Path out = tmp.resolve("out");
    restore(changed, out, RestoreOptions.defaults());
    assertThat(out.resolve("a/b/c/f")).hasContent("version 2");
    assertThat(out.resolve("quiet/inner/g")).hasContent("never changes");
  }

  @Test
  void level_takesTheAttributesOfUnchangedNodesFromItsParent_andReadsThoseOfChangedOnes() throws Exception {
    Path dir = Files.createDirectories(src.resolve("d"));
    Files.writeString(src.resolve("kept"), "k");
    Files.writeString(src.resolve("relabelled"), "r");
    sh("setfattr", "-n", "user.coffer", "-v", "one", src.resolve("kept").toString());
    sh("setfattr", "-n", "user.coffer", "-v", "one", src.resolve("relabelled").toString());
    sh("setfacl", "-m", "u:4242:rx", dir.toString());
    sh("setfattr", "-n", "user.top", "-v", "first", src.toString());
    Manifest first = write(src, TreeOptions.full());

    // Only attributes change: no size, mtime or content; the change time moves with each of them.
    sh("setfattr", "-n", "user.coffer", "-v", "two", src.resolve("relabelled").toString());
    sh("setfacl", "-m", "u:4343:r", dir.toString());
    sh("setfattr", "-n", "user.top", "-v", "second", src.toString());
    Entry level = write(src, TreeOptions.full().withPrevious(first.entry("data").tree(), first.entry("data").root()))
        .entry("data");

    Path out = tmp.resolve("out");
    restore(level, out, RestoreOptions.defaults());
    assertThat(sh("getfattr", "--absolute-names", "-n", "user.coffer", "--only-values", out.resolve("kept").toString()))
        .isEqualTo("one");
    assertThat(sh("getfattr", "--absolute-names", "-n", "user.coffer", "--only-values",
        out.resolve("relabelled").toString())).isEqualTo("two");
    assertThat(sh("getfacl", "-n", "-c", out.resolve("d").toString())).contains("user:4242:r-x", "user:4343:r--");
    assertThat(sh("getfattr", "--absolute-names", "-n", "user.top", "--only-values", out.toString()))
        .isEqualTo("second");
  }

  @Test
  void level_ofAnUnchangedTree_doesNotWaitForTheAttributeDump_andEndsIt() throws Exception {
    Files.createDirectories(src.resolve("d"));
    Files.writeString(src.resolve("d/f"), "f");
    sh("setfattr", "-n", "user.coffer", "-v", "kept", src.resolve("d/f").toString());
    Manifest first = write(src, TreeOptions.full());
    // A getfattr that never answers: the level must not need it, and must not leave it running.
    Path standIn = tmp.resolve("getfattr-that-hangs");
    Files.writeString(standIn, "#!/bin/sh\nexec sleep 601\n");
    sh("chmod", "755", standIn.toString());

    Entry level = write(src, TreeOptions.full().withPrevious(first.entry("data").tree(), first.entry("data").root())
        .withAttributesProgram(standIn.toString())).entry("data");

    assertThat(level.tree()).isEqualTo(first.entry("data").tree());
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(h -> h.info().commandLine().orElse("")).filter(c -> c.contains("sleep 601") || c.contains("getfattr-that"))
        .toList()).as("the stand-in was ended").isEmpty();
    Path out = tmp.resolve("out");
    restore(level, out, RestoreOptions.defaults());
    assertThat(sh("getfattr", "--absolute-names", "-n", "user.coffer", "--only-values", out.resolve("d/f").toString()))
        .isEqualTo("kept");
  }

  @Test
  void treeNodes_holdTheFormatsFieldsOnly_sparseOnlyWhenTrue() throws Exception {
    Tree.Node plain = new Tree.Node("f", Tree.Node.FILE, 0644, "2026-01-01T00:00:00Z", 1L, Content.empty(), null,
        null, null, new Tree.Inode(1, 2, 2, "2026-01-01T00:00:00Z"), null, null);
    String json = new String(Json.write(new Tree(List.of(plain, plain.withContent(Content.empty(), true)))),
        java.nio.charset.StandardCharsets.UTF_8);

    assertThat(json).doesNotContain("hardLinked").contains("\"sparse\":true").doesNotContain("\"sparse\":false");
    Tree read = Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Tree.class, "tree");
    assertThat(read.nodes().get(0).isSparse()).isFalse();
    assertThat(read.nodes().get(1).isSparse()).isTrue();
    assertThat(read.nodes().get(1).isHardLinked()).isTrue();
  }

  @Test
  void sparse_marksHolesNotWrittenZeros_andHardLinksOfAHoleyFile() throws Exception {
    Path d = Files.createDirectories(src.resolve("d"));
    for (int i = 0; i < 5; i++) {
      try (RandomAccessFile f = new RandomAccessFile(d.resolve("holey" + i).toFile(), "rw")) {
        f.seek(1 << 20);
        f.write(1);
      }
    }
    Files.write(d.resolve("zeros"), new byte[1 << 20]); // zero blocks really written: not sparse
    Files.write(d.resolve("plain"), TestData.dumpLike(3, 50_000));
    Files.createLink(d.resolve("link-to-holey0"), d.resolve("holey0"));
    Files.createDirectories(src.resolve("e"));
    Files.createLink(src.resolve("e/later-link"), d.resolve("holey1"));

    Manifest m = write(src, TreeOptions.full());
    Map<String, Boolean> sparse = new java.util.TreeMap<>();
    try (BackupReader r = volume.reader()) {
      r.walk(m.entry("data"), null, (path, node) -> {
        if (Tree.Node.FILE.equals(node.type())) {
          sparse.put(path, node.isSparse());
        }
      });
    }

    assertThat(sparse).containsEntry("d/holey0", true).containsEntry("d/holey4", true)
        .containsEntry("d/link-to-holey0", true).containsEntry("e/later-link", true)
        .containsEntry("d/zeros", false).containsEntry("d/plain", false);
    Path out = tmp.resolve("out");
    restore(m.entry("data"), out, RestoreOptions.defaults());
    assertThat(allocatedBytes(out.resolve("d/holey3"))).isLessThan(1 << 19);
    assertThat(allocatedBytes(out.resolve("d/zeros"))).isGreaterThanOrEqualTo(1 << 20);
    assertThat(Files.readAllBytes(out.resolve("d/holey3"))).isEqualTo(Files.readAllBytes(d.resolve("holey3")));
  }

  /** The subtree id of {@code name} in the tree blob {@code treeId}. */
  private String subtree(String treeId, String name) throws IOException {
    byte[] blob = new BlobReader(volume, volume.currentIndex()).read(BlobId.parse(treeId));
    Tree tree = Json.read(blob, Tree.class, "tree");
    return tree.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().subtree();
  }

  @Test
  void write_reportsAFileThatChangesWhileItIsRead_andStoresItAsLongAsItWasBefore() throws Exception {
    Path growing = src.resolve("growing.log");
    Files.write(growing, TestData.dumpLike(3, 4 << 20));
    List<String> changed = Collections.synchronizedList(new ArrayList<>());
    TreeListener listener = new TreeListener() {
      @Override
      public void changed(String path, String differences) {
        changed.add(path + ": " + differences);
      }
    };
    AtomicBoolean stop = new AtomicBoolean();
    // Appends as fast as it can; bounded, so that a reader that follows the file to its end (which
    // is what this test guards against) fails the test instead of filling the disk.
    Thread appender = new Thread(() -> {
      byte[] row = new byte[4096];
      for (long appended = 0; !stop.get() && appended < (512L << 20); appended += row.length) {
        try {
          Files.write(growing, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
          return;
        }
      }
    });
    appender.start();
    Manifest m = null;
    try {
      for (int attempt = 0; attempt < 5 && changed.isEmpty(); attempt++) {
        m = write(src, TreeOptions.full().withListener(listener));
      }
    } finally {
      stop.set(true);
      appender.join();
    }
    assertThat(changed).isNotEmpty().first().asString().startsWith("growing.log: size ");
    long before = Long.parseLong(changed.get(0).replaceFirst("^growing\\.log: size (\\d+) -> .*$", "$1"));
    Map<String, Long> sizes = new java.util.TreeMap<>();
    try (BackupReader r = volume.reader()) {
      r.walk(m.entry("data"), null, (path, node) -> sizes.put(path, node.size()));
    }
    assertThat(sizes).as("the bytes up to the size before the read; what was appended is left for the next backup")
        .containsEntry("growing.log", before);
  }

  @Test
  void write_namesAnUnreadableFile_andLeavesItOut() throws Exception {
    Files.writeString(src.resolve("readable"), "ok");
    Path locked = Files.createFile(src.resolve("locked"));
    // Root reads every ordinary file; a kernel attribute with no read operation refuses even root.
    sh("mount", "--bind", "/sys/bus/pci/drivers_probe", locked.toString());
    List<String> unreadable = new ArrayList<>();
    try {
      TreeListener listener = new TreeListener() {
        @Override
        public void unreadable(String path, IOException cause) {
          unreadable.add(path + ": " + cause.getClass().getSimpleName());
        }
      };
      Entry e = write(src, TreeOptions.full().withListener(listener)).entry("data");
      List<String> names = new ArrayList<>();
      try (BackupReader r = volume.reader()) {
        r.walk(e, null, (path, node) -> names.add(path));
      }
      assertThat(names).containsExactly("readable");
    } finally {
      sh("umount", locked.toString());
    }
    assertThat(unreadable).containsExactly("locked: AccessDeniedException");
  }

  private Manifest write(Path dir, TreeOptions options) throws IOException {
    try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
      w.putTree("data", dir, options);
      return volume.manifest(w.commit().id());
    }
  }

  private TreeRestore restore(Entry e, Path out, RestoreOptions options) throws IOException {
    try (BackupReader r = volume.reader()) {
      return r.restoreTree("0123456789abcdef", e, out, options, ProgressListener.NONE);
    }
  }

  /** A committed backup whose tree entry is the given tree JSON; "%s" in it becomes an empty subtree's id. */
  private Manifest crafted(byte[] treeJson) throws IOException {
    try (BackupWriter w = volume.newBackup(Map.of(), ProgressListener.NONE)) {
      BlobId empty = w.storeMeta("{\"nodes\":[]}".getBytes(StandardCharsets.UTF_8));
      BlobId tree = w.storeMeta(new String(treeJson, StandardCharsets.UTF_8).replace("%s", empty.hex())
          .getBytes(StandardCharsets.UTF_8));
      w.putStream("placeholder", new java.io.ByteArrayInputStream(new byte[0]));
      String id = w.commit().id();
      Manifest m = volume.manifest(id);
      return new Manifest(m.format(), id, m.host(), m.user(), m.tags(),
          List.of(new Entry("data", Entry.TREE, 0, null, tree.hex())), m.stats());
    }
  }

  private static long allocatedBytes(Path p) throws Exception {
    return Long.parseLong(sh("stat", "-c", "%b", p.toString())) * 512;
  }

  private static String sh(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }
}
