/** {@code coffer user} and {@code coffer token}: who may use the administration API. */
package io.coffer.cli.access;
