package io.coffer.engine.backup;

import io.coffer.engine.run.RunControl;
import io.coffer.repo.BackupWriter;
import io.coffer.repo.manifest.Tree;
import io.coffer.repo.tree.TreeListener;
import io.coffer.repo.tree.TreeOptions;
import io.coffer.source.TreeSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The drivers' {@link TreeSink} over a volume's {@link BackupWriter}: a directory becomes a tree entry
 * of the backup, with extended attributes, read against the same tree of the parent backup when
 * there is one (a file whose size, mtime, ctime and inode are unchanged is taken from there unread).
 * An abort stops the walk at the next file.
 */
final class VolumeTreeSink implements TreeSink {

  private final BackupWriter writer;
  private final ParentTrees parentTrees;
  private final RunControl control;

  /** @param parentTrees the parent backup's trees, by name */
  VolumeTreeSink(BackupWriter writer, ParentTrees parentTrees, RunControl control) {
    this.writer = writer;
    this.parentTrees = parentTrees;
    this.control = control;
  }

  /** The trees of the backup a level above 0 builds on, by name. */
  interface ParentTrees {
    /** No parent: every file is read. */
    ParentTrees NONE = name -> null;

    /** The parent's tree called {@code name} (hex id), or null to read every file. */
    String tree(String name);

    /** The top directory's node of the parent's tree called {@code name}, or null. */
    default Tree.Node root(String name) {
      return null;
    }

    /** The bytes of the parent's tree called {@code name}; empty when there is none. */
    default java.util.OptionalLong bytes(String name) {
      return java.util.OptionalLong.empty();
    }
  }

  @Override
  public java.util.OptionalLong earlierBytes(String name) {
    return parentTrees.bytes(name);
  }

  @Override
  public TreeWritten tree(String name, Path directory, Predicate<String> leaveOut, FileEvents events)
      throws IOException {
    Counts counts = new Counts(events, control);
    control.checkpoint();
    var entry = writer.putTree(name, directory, new TreeOptions(null, true, counts, leaveOut)
        .withPrevious(parentTrees.tree(name), parentTrees.root(name)));
    return new TreeWritten(name, entry.size(), counts.files, counts.reused);
  }

  /** Counts what was stored, passes the events on, and stops the walk once the run is aborted. */
  private static final class Counts implements TreeListener {
    private final FileEvents events;
    private final RunControl control;
    long files;
    long reused;

    Counts(FileEvents events, RunControl control) {
      this.events = events;
      this.control = control;
    }

    @Override
    public void stored(String path, long bytes, boolean fromParent) throws IOException {
      files++;
      if (fromParent) {
        reused++;
      }
      control.checkpoint();
    }

    @Override
    public void changed(String path, String differences) throws IOException {
      events.changed(path, differences);
    }

    @Override
    public void vanished(String path) throws IOException {
      events.vanished(path);
    }

    @Override
    public void unreadable(String path, IOException cause) throws IOException {
      events.unreadable(path, cause);
    }

    @Override
    public void skipped(String path, String what) throws IOException {
      events.skipped(path, what);
    }

    @Override
    public void warn(String message) {
      events.warn(message);
    }
  }
}
