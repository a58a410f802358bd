/**
 * Lengths of time as people type them, one grammar for every option and setting that takes one:
 * {@code 14d}, {@code 2 weeks}, {@code 1w 3d}, {@code 1 year 6 months}.
 */
package io.coffer.catalog.time;
