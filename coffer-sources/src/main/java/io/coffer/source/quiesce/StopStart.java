package io.coffer.source.quiesce;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code stop-start}: stops the database, copies its files, starts it again (seed 000's tarball
 * method). The downtime goes into the backup's report; a failed start says loudly that the database
 * is down.
 */
final class StopStart extends BracketCommands {

  StopStart(Path dataDirectory, String stop, String start, Duration timeout, Tools tools, PendingCommand pending) {
    super(dataDirectory, stop, start, timeout, tools, pending);
  }

  @Override
  public String method() {
    return "stop-start";
  }

  @Override
  String beforeWord() {
    return "stop";
  }

  @Override
  String afterWord() {
    return "start";
  }

  @Override
  String afterFailed() {
    return "THE DATABASE IS DOWN";
  }

  @Override
  boolean stopsTheDatabase() {
    return true;
  }
}
