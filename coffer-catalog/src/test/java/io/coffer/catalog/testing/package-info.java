/**
 * Test support: the two databases every catalog test runs on, a base class that gives each test a
 * clean catalog on both, fixtures, and a snapshot that proves a refused change changed nothing.
 */
package io.coffer.catalog.testing;
