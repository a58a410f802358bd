package io.coffer.cli.options;

import picocli.CommandLine.Option;

/** The {@code --json} switch every command has. */
public final class JsonOption {

  @Option(names = "--json", description = "Print the result as one JSON object.")
  private boolean json;

  public boolean enabled() {
    return json;
  }
}
