package io.coffer.cli.session;

/** How a command prints its result. */
enum Format {
  TABLE,
  JSON,
  CSV
}
