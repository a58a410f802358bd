/**
 * The vocabulary of DESIGN.md shared by more than one layer: what a backup captures ({@link
 * io.coffer.model.Kind}), what a node is ({@link io.coffer.model.Engine}) and how a restore treats
 * what it finds on its target, which host a process runs on ({@link io.coffer.model.Host}). One
 * definition each, so the catalog, the drivers, the volume library and the engine cannot disagree.
 * Parsing user input with field-naming errors stays with the catalog, which owns that message form.
 */
package io.coffer.model;
