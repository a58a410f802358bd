/**
 * The web console: server-rendered pages over the same engine services and roles as the API, a
 * session cookie (HttpOnly, SameSite=Strict, Secure over TLS) with a CSRF token in every form, and
 * one small script that moves progress bars with the API's server-sent events.
 */
package io.coffer.server.console;
