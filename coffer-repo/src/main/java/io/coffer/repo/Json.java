package io.coffer.repo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.repo.manifest.Tree;
import io.coffer.repo.manifest.TreeReader;
import java.io.IOException;

/** The one JSON mapper of the volume format: nulls omitted, unknown fields ignored (forward compatible). */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses a tree blob ({@link TreeReader}); damage is reported as {@link CorruptDataException}. */
  public static Tree readTree(byte[] bytes, String what) {
    try {
      return TreeReader.read(bytes);
    } catch (IOException e) {
      throw new CorruptDataException(what + " is not valid: " + e.getMessage(), e);
    }
  }

  /** Parses {@code bytes}; damage is reported as {@link CorruptDataException} naming {@code what}. */
  public static <T> T read(byte[] bytes, Class<T> type, String what) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new CorruptDataException(what + " is not valid: " + e.getMessage(), e);
    }
  }
}
