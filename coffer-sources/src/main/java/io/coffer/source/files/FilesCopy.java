package io.coffer.source.files;

import io.coffer.source.SourceException;
import io.coffer.source.SourceListener;
import io.coffer.source.TreeSink;
import io.coffer.source.process.Cancellation;
import io.coffer.source.quiesce.Hold;
import io.coffer.source.quiesce.Quiesce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies one data directory into a backup: undoes what a killed earlier run left ({@link
 * Quiesce#recover()}), takes the quiesce hold, writes the directory as a tree, and releases the hold
 * whatever happened. A release that fails fails the backup even when the copy succeeded (a database
 * left stopped must not pass as a good night).
 */
public final class FilesCopy {

  /** The name of the tree a FILES backup stores the data directory as. */
  public static final String TREE = "data";
  private static final int NAMED = 20;

  private final Quiesce quiesce;
  private final ChangePolicy policy;

  public FilesCopy(Quiesce quiesce, ChangePolicy policy) {
    this.quiesce = quiesce;
    this.policy = policy;
  }

  /** Copies {@code dataDirectory}; the listener hears the expected size, the quiesce steps and warnings. */
  public FilesCopied copy(Path dataDirectory, TreeSink sink, SourceListener listener, Cancellation cancellation)
      throws IOException {
    if (!Files.isDirectory(dataDirectory)) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "data directory " + dataDirectory
          + " does not exist or is not a directory");
    }
    List<String> recovered = quiesce.recover();
    recovered.forEach(listener::warn);
    // At a level above 0 the parent's size is the estimate: measuring took a walk of the whole tree,
    // which was a good part of a backup that reads nothing.
    listener.expected(sink.earlierBytes(TREE).orElseGet(() -> size(dataDirectory)));
    Events events = new Events(listener);
    TreeSink.TreeWritten tree;
    Hold hold = quiesce.hold(cancellation);
    listener.info("quiesce " + quiesce.method() + ": reading " + hold.directory());
    try {
      tree = sink.tree(TREE, hold.directory(), events);
    } catch (IOException | RuntimeException e) {
      try {
        hold.close();
      } catch (IOException release) {
        release.addSuppressed(e);
        throw release;
      }
      throw e;
    }
    hold.close();
    hold.report().steps().forEach(listener::info);
    if (!events.unreadable.isEmpty()) {
      throw new SourceException(SourceException.Reason.CHILD_FAILED, events.unreadable.size()
          + " file(s) of " + dataDirectory + " could not be read: " + named(events.unreadable));
    }
    if (!events.changed.isEmpty() && policy == ChangePolicy.FAIL) {
      throw new SourceException(SourceException.Reason.CHILD_FAILED, events.changed.size() + " file(s) of "
          + dataDirectory + " changed while they were read (quiesce " + quiesce.method() + "): "
          + named(events.changed));
    }
    return new FilesCopied(hold.report(), tree, List.copyOf(events.changed), List.copyOf(events.vanished),
        List.copyOf(events.skipped), recovered);
  }

  private static String named(List<String> items) {
    String shown = String.join("; ", items.subList(0, Math.min(NAMED, items.size())));
    return items.size() > NAMED ? shown + "; and " + (items.size() - NAMED) + " more" : shown;
  }

  /** The bytes of the regular files below {@code dir}, for the progress bar; unreadable parts count 0. */
  private static long size(Path dir) {
    long[] bytes = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (attributes.isRegularFile()) {
            bytes[0] += attributes.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return -1;
    }
    return bytes[0];
  }

  /** Collects file events, and warns about each as it happens. */
  private static final class Events implements TreeSink.FileEvents {
    private final SourceListener listener;
    final List<String> changed = Collections.synchronizedList(new ArrayList<>());
    final List<String> vanished = Collections.synchronizedList(new ArrayList<>());
    final List<String> unreadable = Collections.synchronizedList(new ArrayList<>());
    final List<String> skipped = Collections.synchronizedList(new ArrayList<>());

    Events(SourceListener listener) {
      this.listener = listener;
    }

    @Override
    public void changed(String path, String differences) {
      changed.add(path + " (" + differences + ")");
      listener.warn("changed while read: " + path + " (" + differences + ")");
    }

    @Override
    public void vanished(String path) {
      vanished.add(path);
      listener.warn("vanished before it was read: " + path);
    }

    @Override
    public void unreadable(String path, IOException cause) {
      unreadable.add(path + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
    }

    @Override
    public void skipped(String path, String what) {
      skipped.add(path);
      listener.info("left out " + path + ": " + what);
    }

    @Override
    public void warn(String message) {
      listener.warn(message);
    }
  }
}
