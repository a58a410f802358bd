/**
 * What a running backup or restore hears from whoever runs it: whether it was asked to abort, and
 * what it should say back (the backup row it started). A job of an agent and a command run by hand
 * pass the same interface, so the services need not know which one runs them.
 */
package io.coffer.engine.run;
