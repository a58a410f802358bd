package io.coffer.source;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stream a backup wrote: its name, its size in bytes and what names its bytes. Backups into a
 * volume carry {@code content}, the volume's digest of the stream as stored ({@link StoredStream});
 * backups written before it, and streams written to a sink without one, carry {@code sha256}, the
 * SHA-256 of the bytes. Exactly one of the two is set; both are hex.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamReport(String name, long bytes, String sha256, String content) {

  /** The one that is set, with its kind: {@code content:…} or {@code sha256:…}. */
  @JsonIgnore
  public String digest() {
    return content != null ? "content:" + content : "sha256:" + sha256;
  }

  /** {@link #digest()} cut to its kind and 16 hex digits, for listings. */
  @JsonIgnore
  public String shortDigest() {
    String digest = digest();
    return digest.substring(0, Math.min(digest.length(), digest.indexOf(':') + 17));
  }
}
