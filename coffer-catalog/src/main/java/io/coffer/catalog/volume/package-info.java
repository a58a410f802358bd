/**
 * Volumes: the repositories that hold backups, registered by name — a local path or an S3 bucket
 * and prefix. The catalog records where a volume is; coffer-repo reads and writes it.
 */
package io.coffer.catalog.volume;
