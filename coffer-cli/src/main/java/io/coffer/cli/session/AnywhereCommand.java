package io.coffer.cli.session;

import io.coffer.cli.remote.RemoteOperations;
import io.coffer.cli.remote.RemoteServer;
import io.coffer.engine.Coffer;

/**
 * A command that runs the same against the catalog here and against a server: it reads and
 * changes through {@link Operations} and prints what they return with one piece of code, so that
 * its output is the same whichever answered.
 */
public abstract class AnywhereCommand extends EngineCommand {

  @Override
  protected final int run(Coffer coffer) {
    return run(new LocalOperations(coffer));
  }

  @Override
  protected final int runRemote(RemoteServer server) {
    return run(new RemoteOperations(server));
  }

  /** Does the work; returns the exit code. */
  protected abstract int run(Operations operations);
}
