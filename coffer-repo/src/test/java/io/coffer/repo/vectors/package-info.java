/**
 * Known-answer vectors of the volume format: fixed inputs and the bytes a conforming implementation
 * derives from them (gear table, chunk boundaries, blob ids, sealing, key derivation, pack and index
 * headers), kept in a language-neutral JSON file.
 */
package io.coffer.repo.vectors;
