/** Packs: sealed segments of blobs followed by a sealed header that makes each pack self-describing. */
package io.coffer.repo.pack;
