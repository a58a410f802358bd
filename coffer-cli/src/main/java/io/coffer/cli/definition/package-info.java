/** {@code coffer definition}: what to back up, from which node, on which agent, when, how and for how long. */
package io.coffer.cli.definition;
