package io.coffer.cli.volume;

import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.Backends;
import io.coffer.repo.backend.S3Options;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The volume a command works on: a path or {@code s3://bucket/prefix}, and how to reach S3. */
public final class LocationOptions {

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The volume: a directory or s3://bucket/prefix.")
  private String location;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible service to use instead of AWS, e.g. http://localhost:9000.")
  private URI endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", defaultValue = S3Options.DEFAULT_REGION, description = "S3 region (default: ${DEFAULT-VALUE}).")
  private String region;

  @Option(names = "--s3-path-style", description = "Address buckets in the path (host/bucket/key), as MinIO and Ceph often need.")
  private boolean pathStyle;

  public String location() {
    return location;
  }

  /** Opens the backend; a location that is neither a path nor S3 is a usage error (exit 2). */
  public Backend backend() {
    return Backends.open(location, new S3Options(Optional.ofNullable(endpoint), region, pathStyle));
  }
}
