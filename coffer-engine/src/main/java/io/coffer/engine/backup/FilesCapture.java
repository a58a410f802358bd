package io.coffer.engine.backup;

import io.coffer.engine.run.RunControl;
import io.coffer.model.Engine;
import io.coffer.model.Kind;
import io.coffer.repo.BackupWriter;
import io.coffer.source.BackupReport;
import io.coffer.source.SourceListener;
import io.coffer.source.files.FilesCopied;
import io.coffer.source.files.FilesCopy;
import io.coffer.source.process.Cancellation;
import io.coffer.source.quiesce.Quiesce;
import io.coffer.source.quiesce.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes a {@code FILES} backup: the node's data directory, held consistent by the plan's quiesce
 * method ({@link FilesCopy}: what a killed earlier run left is undone first, the release always
 * runs), stored as the tree {@value FilesCopy#TREE} against the parent backup's tree when there is
 * one. An abort kills a stop or pre command still running and stops the walk at the next file; the
 * start or post command still runs.
 */
final class FilesCapture {

  private static final Duration ABORT_POLL = Duration.ofMillis(200);
  private final Path stateDirectory;
  private final Tools tools;

  /** @param stateDirectory where pending start and post commands are noted (survives the process) */
  FilesCapture(Path stateDirectory, Tools tools) {
    this.stateDirectory = stateDirectory;
    this.tools = tools;
  }

  /**
   * Copies the data directory into {@code writer}.
   *
   * @param parentTrees the parent backup's trees, whose unchanged files are not read
   */
  BackupReport write(BackupPlan plan, BackupWriter writer, VolumeTreeSink.ParentTrees parentTrees,
      SourceListener listener,
      RunControl control) throws IOException {
    Path directory = Path.of(plan.node().dataDirectory());
    FilesSettings settings = plan.files();
    Quiesce quiesce = settings.quiesce().create(directory, stateDirectory, tools);
    Instant started = Instant.now();
    Cancellation cancellation = new Cancellation();
    FilesCopied copied;
    try (AbortWatch watch = new AbortWatch(control, cancellation)) {
      watch.start();
      copied = new FilesCopy(quiesce, settings.onChange())
          .copy(directory, new VolumeTreeSink(writer, parentTrees, control), listener, cancellation);
    }
    if (!copied.quiesce().downtime().isZero()) {
      listener.info("the database was stopped for " + copied.quiesce().downtime().toMillis() / 1000.0 + " s");
    }
    listener.info("copied " + copied.tree().files() + " files (" + copied.tree().bytes() + " bytes) of " + directory
        + (copied.tree().reused() > 0 ? ", " + copied.tree().reused() + " of them unchanged since the parent backup"
            + " and not read" : ""));
    return new BackupReport(BackupReport.LAYOUT, Engine.of(plan.node().engine()), Kind.FILES, directory.toString(), "",
        "", started, Instant.now(), consistency(quiesce.method()), List.of(), List.of(), List.of(),
        copied.report(directory, settings.onChange()));
  }

  /** What the copy's consistency rests on, in the report's words. */
  private static String consistency(String method) {
    return switch (method) {
      case "none" -> "files as read, one after another: a file written meanwhile may be torn (listed as changed)";
      case "stop-start" -> "the database was stopped while its files were copied";
      case "pre-post" -> "the files as the pre command left them until the post command ran";
      default -> "one atomic " + method + " snapshot: what a power cut would have left, from which a database"
          + " recovers as after a crash";
    };
  }

  /** Cancels the quiesce's commands once the run is aborted, by polling (the run control has no callback). */
  private static final class AbortWatch extends Thread implements AutoCloseable {
    private final RunControl control;
    private final Cancellation cancellation;
    private volatile boolean done;

    AbortWatch(RunControl control, Cancellation cancellation) {
      super("coffer-files-abort-watch");
      setDaemon(true);
      this.control = control;
      this.cancellation = cancellation;
    }

    @Override
    public void run() {
      while (!done) {
        if (control.abortRequested()) {
          cancellation.cancel();
          return;
        }
        try {
          Thread.sleep(ABORT_POLL.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    @Override
    public void close() {
      done = true;
      interrupt();
    }
  }
}
