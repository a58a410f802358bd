/**
 * {@code coffer demo}: a first run on embedded defaults. It builds a sample shop database, a volume
 * and a catalog in a fresh directory, and runs the real commands a person would type — register a
 * node and a definition, back up, change 1% of the rows, back up again, list, check, restore and
 * compare — showing each command and its output.
 */
package io.coffer.cli.demo;
