/**
 * The administration API of {@code coffer server} and {@code coffer agent run --listen}: JSON under
 * {@code /api/v1} over HTTPS, authenticated, with roles. An interface in DESIGN.md's layers: it
 * parses requests, authenticates, calls the engine's services and prints their results; no rule of
 * the business lives here.
 */
package io.coffer.server;
