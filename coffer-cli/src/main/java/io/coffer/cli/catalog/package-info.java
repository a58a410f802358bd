/** {@code coffer catalog}: the catalog as a whole — rebuilt from what a volume holds. */
package io.coffer.cli.catalog;
