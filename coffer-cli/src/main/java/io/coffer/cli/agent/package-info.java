/** {@code coffer agent}: register, list, show, change and remove the agents that run backups. */
package io.coffer.cli.agent;
