/** The history of changes to the catalog, as the interfaces read it. */
package io.coffer.engine.history;
