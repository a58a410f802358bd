/**
 * Restores: restore definitions plan a restore of a backup onto a node at a time, saying what to do
 * with an existing database (refuse, or rename it out of the way) and with roles; restore records
 * say what a restore did.
 */
package io.coffer.catalog.restore;
