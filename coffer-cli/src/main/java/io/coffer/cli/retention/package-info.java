/** {@code coffer retention}: retention by hand, as the agent runs it on its schedule. */
package io.coffer.cli.retention;
