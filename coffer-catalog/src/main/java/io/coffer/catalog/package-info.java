/**
 * The catalog: Coffer's metadata database and the only code that speaks SQL to it. It is the truth
 * about intent (agents, nodes, volumes, definitions, one-offs) and a fast index of what the volumes
 * hold (backups, restores), plus the job queue and the history of every change.
 *
 * <p>Start at {@link io.coffer.catalog.Catalog#open(CatalogSettings)}. Bad input is refused with a
 * {@link io.coffer.catalog.CatalogValidationException} that names the field, the value and what is
 * accepted, and leaves the catalog unchanged; a failing database surfaces as a {@link
 * io.coffer.catalog.CatalogException}.
 */
package io.coffer.catalog;
