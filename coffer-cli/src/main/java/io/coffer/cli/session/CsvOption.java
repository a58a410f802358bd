package io.coffer.cli.session;

import picocli.CommandLine.Option;

/** The {@code --csv} switch of the catalog commands. */
public final class CsvOption {

  @Option(names = "--csv", description = "Print the result as CSV, a header line first.")
  boolean csv;
}
