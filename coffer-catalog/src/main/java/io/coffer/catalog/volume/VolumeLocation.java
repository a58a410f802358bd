package io.coffer.catalog.volume;

import io.coffer.catalog.CatalogValidationException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks a volume location: an absolute local path or {@code s3://bucket[/prefix]}. Credentials
 * never belong in a location (they would be stored and printed), so a URL with user information is
 * refused without repeating it.
 */
final class VolumeLocation {

  static final String FIELD = "location";
  private static final Pattern S3 = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,62}(/[^\\s]*)?");
  private static final String ACCEPTED = "an absolute path or s3://BUCKET[/PREFIX]";

  private VolumeLocation() {}

  static String require(String location) {
    String value = location == null ? "" : location.strip();
    if (value.contains("@") && value.contains("://")) {
      throw CatalogValidationException.hidingValue(FIELD, ACCEPTED + ", without credentials");
    }
    if (value.startsWith("s3://") ? S3.matcher(value).matches() : isAbsolutePath(value)) {
      return value;
    }
    throw new CatalogValidationException(FIELD, location, ACCEPTED);
  }

  private static boolean isAbsolutePath(String value) {
    return !value.isEmpty() && !value.contains("://") && value.chars().noneMatch(Character::isISOControl)
        && Path.of(value).isAbsolute();
  }
}
