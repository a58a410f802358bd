/** Support shared by the tests of every module (test scope only): the seed every random input derives from, and {@link io.coffer.testing.Await}, the one way to wait for a state. */
package io.coffer.testing;
