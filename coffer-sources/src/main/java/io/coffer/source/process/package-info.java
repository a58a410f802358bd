/**
 * Child processes and parallel work for drivers: run a dump or load tool with its streams wired to a
 * sink or source, check its exit status, keep the tail of its stderr for the error message; hand
 * secrets to children only through 0600 files or the environment; run several tasks at once so that
 * the first failure stops all the others (kills their children, closes their connections).
 */
package io.coffer.source.process;
