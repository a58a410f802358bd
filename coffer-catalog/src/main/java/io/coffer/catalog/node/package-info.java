/**
 * Nodes: the database servers and data directories Coffer backs up. A node has an {@link
 * io.coffer.model.Engine}, a status ({@code RUNNING} or {@code DOWN}; a node set DOWN pauses
 * its definitions) and a {@link io.coffer.model.CredentialReference} that says where its
 * password is found, never the password.
 */
package io.coffer.catalog.node;
