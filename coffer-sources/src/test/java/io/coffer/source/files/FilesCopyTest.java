package io.coffer.source.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.SourceListener;
import io.coffer.source.TreeSink;
import io.coffer.source.process.Cancellation;
import io.coffer.source.quiesce.Quiesce;
import io.coffer.source.quiesce.QuiesceMethods;
import io.coffer.source.quiesce.Tools;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FILES flow around the tree sink: release always, unreadable files fail, changes per policy. */
class FilesCopyTest {

  @TempDir Path tmp;
  private Path data;
  private Path events;
  private final List<String> warnings = new ArrayList<>();
  private final SourceListener listener = new SourceListener() {
    @Override
    public void warn(String message) {
      warnings.add(message);
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("f"), "x");
    events = tmp.resolve("events");
  }

  private Quiesce stopStart(String start) {
    return QuiesceMethods.create("stop-start", Map.of("stop", "echo stop >> " + events, "start", start), data,
        tmp.resolve("state"), Tools.system());
  }

  /** A sink that reports the given events for the directory it is handed, and what it was handed. */
  private static TreeSink sink(List<Path> seen, String changed, String unreadable) {
    return (name, directory, leaveOut, ev) -> {
      seen.add(directory);
      if (changed != null) {
        ev.changed(changed, "size 1 -> 2");
      }
      if (unreadable != null) {
        ev.unreadable(unreadable, new AccessDeniedException(unreadable));
      }
      return new TreeSink.TreeWritten(name, 1, 1, 0);
    };
  }

  @Test
  void copy_readsTheHeldDirectory_andReleasesIt() throws Exception {
    List<Path> seen = new ArrayList<>();
    FilesCopied done = new FilesCopy(stopStart("echo start >> " + events), ChangePolicy.WARN)
        .copy(data, sink(seen, "pg_wal/000000010000000000000001", null), listener, new Cancellation());
    assertThat(seen).containsExactly(data);
    assertThat(Files.readAllLines(events)).containsExactly("stop", "start");
    assertThat(done.changed()).containsExactly("pg_wal/000000010000000000000001 (size 1 -> 2)");
    assertThat(done.quiesce().method()).isEqualTo("stop-start");
    assertThat(warnings).containsExactly("changed while read: pg_wal/000000010000000000000001 (size 1 -> 2)");
  }

  @Test
  void changedFile_underFailPolicy_failsTheBackup_afterStartRan() {
    assertThatThrownBy(() -> new FilesCopy(stopStart("echo start >> " + events), ChangePolicy.FAIL)
        .copy(data, sink(new ArrayList<>(), "base/1/1259", null), listener, new Cancellation()))
        .hasMessage("1 file(s) of " + data + " changed while they were read (quiesce stop-start): base/1/1259 (size 1 -> 2)");
    assertThat(events).hasContent("stop\nstart");
  }

  @Test
  void unreadableFile_failsTheBackup_namingIt() {
    assertThatThrownBy(() -> new FilesCopy(stopStart("echo start >> " + events), ChangePolicy.WARN)
        .copy(data, sink(new ArrayList<>(), null, "secret.key"), listener, new Cancellation()))
        .hasMessage("1 file(s) of " + data + " could not be read: secret.key (AccessDeniedException: secret.key)");
  }

  @Test
  void failingSink_stillReleases_andAFailingReleaseWins() {
    TreeSink broken = (name, directory, leaveOut, ev) -> {
      throw new IOException("volume full");
    };
    assertThatThrownBy(() -> new FilesCopy(stopStart("echo start >> " + events), ChangePolicy.WARN)
        .copy(data, broken, listener, new Cancellation())).hasMessage("volume full");
    assertThat(events).hasContent("stop\nstart");
    assertThatThrownBy(() -> new FilesCopy(stopStart("exit 1"), ChangePolicy.WARN)
        .copy(data, sink(new ArrayList<>(), null, null), listener, new Cancellation()))
        .hasMessageStartingWith("THE DATABASE IS DOWN");
  }

  @Test
  void missingDataDirectory_isRefused() {
    Path gone = tmp.resolve("gone");
    assertThatThrownBy(() -> new FilesCopy(QuiesceMethods.create("none", Map.of(), gone, tmp, Tools.system()),
        ChangePolicy.WARN).copy(gone, sink(new ArrayList<>(), null, null), listener, new Cancellation()))
        .hasMessage("data directory " + gone + " does not exist or is not a directory");
  }

  @Test
  void atALevelAbove0_theParentsSizeIsTheEstimate_andWithoutOneTheDirectoryIsMeasured() throws Exception {
    List<Long> expected = new ArrayList<>();
    SourceListener hears = new SourceListener() {
      @Override
      public void expected(long bytes) {
        expected.add(bytes);
      }
    };
    TreeSink plain = sink(new ArrayList<>(), null, null);
    TreeSink withParent = new TreeSink() {
      @Override
      public TreeWritten tree(String name, Path directory, java.util.function.Predicate<String> leaveOut,
          FileEvents ev) throws IOException {
        return plain.tree(name, directory, leaveOut, ev);
      }

      @Override
      public java.util.OptionalLong earlierBytes(String name) {
        return FilesCopy.TREE.equals(name) ? java.util.OptionalLong.of(12345) : java.util.OptionalLong.empty();
      }
    };
    Quiesce none = QuiesceMethods.create("none", Map.of(), data, tmp, Tools.system());

    new FilesCopy(none, ChangePolicy.WARN).copy(data, withParent, hears, new Cancellation());
    new FilesCopy(none, ChangePolicy.WARN).copy(data, plain, hears, new Cancellation());

    assertThat(expected).as("the parent's 12345 bytes, then the 1 byte measured").containsExactly(12345L, 1L);
  }
}
