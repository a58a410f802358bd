/**
 * Runs: the process that carries out a backup, restore or verification, recorded on its RUNNING row,
 * and what happens to the rows of a process that is gone without finishing them.
 */
package io.coffer.catalog.run;
