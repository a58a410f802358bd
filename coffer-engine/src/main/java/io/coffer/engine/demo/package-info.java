/**
 * The sample database of {@code coffer demo}: an SQLite file of a small shop (customers, products,
 * orders and their items) generated from a seed, and the change a day of business makes to it.
 */
package io.coffer.engine.demo;
