/**
 * Agents: the {@code coffer agent} processes on backup hosts that claim and run jobs (PgBackMan's
 * backup servers). An agent is named by its fully qualified host name.
 */
package io.coffer.catalog.agent;
