package io.coffer.repo.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The blobs of a stream or file in order: listed inline ({@code ids}) when short, else as id-list
 * meta blobs ({@code lists}) so that a manifest stays small whatever the stream size.
 */
public record Content(List<String> ids, List<String> lists) {

  public static final int INLINE_MAX = 64;
  public static final int IDS_PER_LIST = 16384;

  public static Content empty() {
    return new Content(List.of(), null);
  }

  @JsonIgnore
  public boolean isInline() {
    return lists == null;
  }
}
