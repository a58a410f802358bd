/** Shared and exclusive volume locks: files that carry host, pid and time and are refreshed while held. */
package io.coffer.repo.lock;
