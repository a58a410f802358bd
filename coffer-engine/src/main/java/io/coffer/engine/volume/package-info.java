/**
 * Volumes as the engine uses them: a registered name or a location opened through the volume
 * library, asking for a passphrase only when the volume is encrypted, and kept open for the life of
 * the engine so that one command line or shell session derives each key once.
 */
package io.coffer.engine.volume;
