/**
 * Where passphrases come from: {@code COFFER_PASSWORD_FILE}, {@code COFFER_PASSWORD}, or a prompt on
 * the terminal (and the {@code COFFER_NEW_PASSWORD…} pair for a new one). Never from an argument.
 */
package io.coffer.cli.passphrase;
