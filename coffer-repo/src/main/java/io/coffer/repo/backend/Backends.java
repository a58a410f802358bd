package io.coffer.repo.backend;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Opens the backend a volume location names: a path, or {@code s3://bucket/prefix}. */
public final class Backends {

  /** Six attempts over about 15 s ride out an S3 throttling burst or a brief network outage. */
  static final int S3_ATTEMPTS = 6;

  static final Duration S3_FIRST_DELAY = Duration.ofMillis(500);

  private static final String ACCEPTED = "use a path or s3://bucket/prefix";

  // Anything that looks like scheme:// — a URL we do not speak rather than a relative path.
  private static final Pattern URL =
      Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

  private Backends() {}

  /**
   * A {@link LocalBackend} for a path, an {@link S3Backend} wrapped in a {@link RetryingBackend}
   * for {@code s3://bucket/prefix} (with {@code options} saying how to reach the service).
   *
   * @throws IllegalArgumentException when the location is neither, naming it and what is accepted
   */
  public static Backend open(String location, S3Options options) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(options, "options");
    if (location.isBlank()) {
      throw notAccepted(location, "it is empty");
    }
    if (S3Location.isS3(location)) {
      S3Location s3 = S3Location.parse(location, options);
      return new RetryingBackend(S3Backend.connect(s3), S3_ATTEMPTS, S3_FIRST_DELAY);
    }
    if (URL.matcher(location).matches()) {
      throw notAccepted(location, null);
    }
    try {
      return new LocalBackend(Path.of(location));
    } catch (InvalidPathException e) {
      throw notAccepted(location, e.getReason());
    }
  }

  private static IllegalArgumentException notAccepted(String location, String reason) {
    return new IllegalArgumentException(
        "location '" + LocationText.redacted(location) + "' is not accepted: "
            + (reason == null ? "" : reason + "; ") + ACCEPTED);
  }
}
