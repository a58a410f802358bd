package io.coffer.source.quiesce;

import io.coffer.source.SourceException;
import io.coffer.source.process.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A command before the copy and one after it that must run whatever happens: the after command is
 * recorded as pending (durably) before the before command starts, runs when the hold is closed (on
 * success, failure, abort, or from the shutdown hook), and is run by the next run if this process
 * was killed first. The after command is never cancelled by an abort: it is what undoes the before.
 */
abstract class BracketCommands implements Quiesce {

  private final Path dataDirectory;
  private final String before;
  private final String after;
  private final Duration timeout;
  private final Tools tools;
  private final PendingCommand pending;

  BracketCommands(Path dataDirectory, String before, String after, Duration timeout, Tools tools,
      PendingCommand pending) {
    this.dataDirectory = dataDirectory;
    this.before = before;
    this.after = after;
    this.timeout = timeout;
    this.tools = tools;
    this.pending = pending;
  }

  /** "stop", "pre". */
  abstract String beforeWord();

  /** "start", "post". */
  abstract String afterWord();

  /** What it means when the after command fails, said first in the failure. */
  abstract String afterFailed();

  /** True when the database is down between the two commands. */
  abstract boolean stopsTheDatabase();

  @Override
  public List<String> recover() throws IOException {
    var left = pending.pending();
    if (left.isEmpty()) {
      return List.of();
    }
    String line = "the previous backup of " + dataDirectory + " ran its " + beforeWord() + " command (recorded "
        + left.get().recordedAt() + ") and was stopped before its " + afterWord() + " command; ";
    runAfter(left.get().commandLine(), new ArrayList<>(), line);
    return List.of(line + "ran the " + afterWord() + " command now: " + left.get().commandLine());
  }

  @Override
  public Hold hold(Cancellation cancellation) throws IOException {
    Instant since = Instant.now();
    pending.record(after);
    List<String> log = new ArrayList<>();
    try {
      tools.shell(beforeWord() + " command", before, timeout, cancellation);
    } catch (IOException | RuntimeException e) {
      String failure = beforeWord() + " command failed, so no copy was taken: " + e.getMessage();
      try {
        runAfter(after, log, failure + "; ");
      } catch (IOException afterFailure) {
        afterFailure.addSuppressed(e);
        throw afterFailure;
      }
      throw new SourceException(SourceException.Reason.CHILD_FAILED, failure + "; the " + afterWord()
          + " command ran", e);
    }
    log.add(beforeWord() + " command ran: " + before);
    return new Hold(method(), dataDirectory, since, stopsTheDatabase(), log, l -> runAfter(after, l, ""));
  }

  private void runAfter(String commandLine, List<String> log, String context) throws IOException {
    try {
      tools.shell(afterWord() + " command", commandLine, timeout, new Cancellation());
    } catch (IOException e) {
      throw new SourceException(SourceException.Reason.CHILD_FAILED, afterFailed() + ": " + context + "the "
          + afterWord() + " command (" + commandLine + ") failed: " + e.getMessage()
          + "; it will be tried again by the next backup of " + dataDirectory, e);
    }
    pending.done();
    log.add(afterWord() + " command ran: " + commandLine);
  }
}
