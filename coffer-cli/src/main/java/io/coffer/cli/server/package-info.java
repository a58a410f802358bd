/** {@code coffer server} and the options it shares with {@code coffer agent run --listen}. */
package io.coffer.cli.server;
