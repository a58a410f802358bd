/**
 * Coffer's own configuration: {@code coffer.yaml} found in the usual places, overridden by
 * {@code COFFER_*} environment variables, validated completely at start into one frozen {@link
 * io.coffer.engine.config.CofferConfig}. Every error names the key.
 */
package io.coffer.engine.config;
