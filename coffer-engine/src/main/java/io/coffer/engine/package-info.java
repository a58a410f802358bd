/**
 * The engine: composes the catalog, the source drivers and the volume library (DESIGN.md, layers).
 * Interfaces (the command line, the shell, the REST API) call only this package and its
 * sub-packages. Start at {@link io.coffer.engine.Coffer#open}.
 */
package io.coffer.engine;
