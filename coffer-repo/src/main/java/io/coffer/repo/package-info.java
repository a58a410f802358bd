/**
 * The Coffer volume: a deduplicated, compressed, encrypted store of backups on a {@link
 * io.coffer.repo.backend.Backend}. Knows nothing of databases or the catalog; the format is specified
 * in docs/repository-format.md.
 */
package io.coffer.repo;
