package io.coffer.cli;

import picocli.CommandLine;

/** Process entry point: runs the command and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(CofferCommand.newCommandLine().execute(args));
  }
}
