package io.coffer.cli;

/** Process entry point: runs the command and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(CofferCommand.forArguments(Environment.system(), args).execute(args));
  }
}
