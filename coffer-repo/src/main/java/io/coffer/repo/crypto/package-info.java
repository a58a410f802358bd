/**
 * Keys and sealing: the master key, passphrase-wrapped key files (Argon2id), AES-256-GCM sealing of
 * pieces, and keyed blob ids (HMAC-SHA256).
 */
package io.coffer.repo.crypto;
