/**
 * Content-defined chunking (FastCDC with a keyed gear table) and batching of cut chunks for the
 * parallel backup pipeline.
 */
package io.coffer.repo.chunker;
