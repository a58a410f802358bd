package io.coffer.source.quiesce;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code pre-post}: any command before the copy and one after it, such as {@code fsfreeze -f} and
 * {@code fsfreeze -u}, or a helper holding a global read lock. The post command always runs.
 */
final class PrePost extends BracketCommands {

  PrePost(Path dataDirectory, String pre, String post, Duration timeout, Tools tools, PendingCommand pending) {
    super(dataDirectory, pre, post, timeout, tools, pending);
  }

  @Override
  public String method() {
    return "pre-post";
  }

  @Override
  String beforeWord() {
    return "pre";
  }

  @Override
  String afterWord() {
    return "post";
  }

  @Override
  String afterFailed() {
    return "the post command failed, so what the pre command did may still hold";
  }

  @Override
  boolean stopsTheDatabase() {
    return false;
  }
}
