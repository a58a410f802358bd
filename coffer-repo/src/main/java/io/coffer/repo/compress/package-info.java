/** Encoding before sealing: zstd when it pays, raw otherwise (docs/repository-format.md, "Sealing"). */
package io.coffer.repo.compress;
