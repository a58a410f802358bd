/**
 * Golden volumes: volumes written once by a released format's writer, committed with their expected
 * contents, and read, checked and restored by every build so that no later change loses the ability
 * to open them.
 */
package io.coffer.repo.golden;
