/**
 * {@code coffer shell}: PgBackMan's interactive shell over the same commands — history, completion
 * of commands, options and catalog names, {@code help}, and every command with or without its
 * arguments (missing ones are asked for). Also {@code coffer completion}, the bash completion script.
 */
package io.coffer.cli.shell;
