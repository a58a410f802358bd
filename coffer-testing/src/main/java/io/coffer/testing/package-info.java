/** Support shared by the tests of every module (test scope only): the seed every random input derives from. */
package io.coffer.testing;
