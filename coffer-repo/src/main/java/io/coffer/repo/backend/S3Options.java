package io.coffer.repo.backend;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an S3-compatible service, beside the bucket and prefix a location names: the
 * endpoint of a service other than AWS (MinIO, Ceph, …), the region, and whether buckets are
 * addressed in the path ({@code host/bucket/key}) rather than the host name. Validated when
 * combined into an {@link S3Location}.
 */
public record S3Options(Optional<URI> endpoint, String region, boolean pathStyle) {

  public static final String DEFAULT_REGION = "us-east-1";

  /** AWS itself, region us-east-1, virtual-host addressing. */
  public static final S3Options DEFAULT = new S3Options(Optional.empty(), DEFAULT_REGION, false);

  public S3Options {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
  }
}
