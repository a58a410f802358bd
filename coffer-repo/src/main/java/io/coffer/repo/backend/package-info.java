/**
 * Where volume files live: one small interface (save, load, stat, list, remove) with local, S3 and
 * in-memory implementations. Retry and fault injection wrap a backend rather than living inside one.
 */
package io.coffer.repo.backend;
