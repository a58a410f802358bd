package io.coffer.repo.backend;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an S3 volume lives: a bucket, a key prefix (empty for the bucket's root) and how to reach
 * the service. Holds no credentials; those come from the standard AWS chain when the client is
 * built.
 */
public record S3Location(
    String bucket, String prefix, Optional<URI> endpoint, String region, boolean pathStyle) {

  private static final String SCHEME = "s3://";
  private static final String ACCEPTED = "use s3://bucket/prefix";

  // The S3 bucket naming rules (3–63 lower-case letters, digits, dots and hyphens) that every
  // S3-compatible service accepts.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "S3 bucket '" + bucket + "' is not accepted: use 3–63 lower-case letters, digits, dots"
              + " and hyphens, starting and ending with a letter or digit");
    }
    if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
      throw new IllegalArgumentException(
          "S3 prefix '" + prefix + "' is not accepted: use folder names separated by single '/',"
              + " without a leading or trailing '/'");
    }
    endpoint.ifPresent(S3Location::checkEndpoint);
    if (region.isBlank()) {
      throw new IllegalArgumentException(
          "S3 region '" + region + "' is not accepted: use a region name such as us-east-1");
    }
  }

  /** Parses {@code s3://bucket[/prefix]} with the default options. */
  public static S3Location parse(String location) {
    return parse(location, S3Options.DEFAULT);
  }

  /** Parses {@code s3://bucket[/prefix]}; the options say how to reach the service. */
  public static S3Location parse(String location, S3Options options) {
    Objects.requireNonNull(location, "location");
    if (!isS3(location)) {
      throw new IllegalArgumentException(
          "location '" + LocationText.redacted(location) + "' is not an S3 location: " + ACCEPTED);
    }
    if (LocationText.hasUserInfo(location)) {
      throw new IllegalArgumentException(
          "location '" + LocationText.redacted(location) + "' is not accepted: it must not contain"
              + " credentials; set them in the environment or an AWS profile");
    }
    String rest = location.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : stripTrailingSlashes(rest.substring(slash + 1));
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "location '" + location + "' is not accepted: the bucket is missing; " + ACCEPTED);
    }
    return new S3Location(
        bucket, prefix, options.endpoint(), options.region(), options.pathStyle());
  }

  /** True when {@code location} names S3 (the scheme is case-insensitive, as in every URI). */
  public static boolean isS3(String location) {
    return location.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /** The object key of a volume file: the prefix, a slash, and the file's path. */
  public String key(Handle handle) {
    return keyPrefix() + handle.path();
  }

  /** What every key of this volume starts with: empty, or the prefix and a slash. */
  public String keyPrefix() {
    return prefix.isEmpty() ? "" : prefix + "/";
  }

  /** {@code s3://bucket/prefix}, the form users type and backends show. */
  public String uri() {
    return SCHEME + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  private static String stripTrailingSlashes(String prefix) {
    int end = prefix.length();
    while (end > 0 && prefix.charAt(end - 1) == '/') {
      end--;
    }
    return prefix.substring(0, end);
  }

  private static void checkEndpoint(URI endpoint) {
    // Credentials come from the AWS chain only, so that they never end up in a volume location,
    // a log line or the catalog.
    if (endpoint.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "S3 endpoint is not accepted: it must not contain a user name or secret;"
              + " set credentials in the environment or an AWS profile");
    }
    String scheme = endpoint.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "S3 endpoint '" + endpoint + "' is not accepted: use http(s)://host[:port]");
    }
  }
}
