/**
 * The {@code coffer} command: picocli commands that parse arguments, call the layers below and print
 * results. No business rules live here. Exit codes: 0 ok, 1 failure, 2 usage error, 3 damage found.
 */
package io.coffer.cli;
