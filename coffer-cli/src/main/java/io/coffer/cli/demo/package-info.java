/**
 * {@code coffer demo}: a first run on embedded defaults that shows a volume at work (dedup under
 * scattered row changes, check, restore, byte equality) using the real volume commands.
 */
package io.coffer.cli.demo;
