/** {@code coffer node}: register and manage the database servers and data directories backed up. */
package io.coffer.cli.node;
