/**
 * {@code coffer volume …}: one thin command per operation of the repository library. Each parses its
 * arguments, opens the volume (passphrase from the environment or a prompt), calls the library and
 * prints a table or one JSON object.
 */
package io.coffer.cli.volume;
