package io.coffer.cli.demo;

import io.coffer.cli.CommandBase;
import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "demo")
public final class DemoCommand extends CommandBase {
  @Override
  public Integer call() {
    return 0;
  }
}
