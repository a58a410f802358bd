package io.coffer.cli.volume;

import io.coffer.engine.config.CofferConfig;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The volume a command works on: a path, {@code s3://bucket/prefix} or a registered name; and how to
 * reach S3 when it differs from the {@code s3.*} keys of coffer.yaml.
 */
public final class LocationOptions {

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The volume: a directory, s3://bucket/prefix, or the name of a registered volume.")
  private String location;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3-compatible service to use instead of AWS, e.g. http://localhost:9000 (default: s3.endpoint of coffer.yaml).")
  private URI endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (default: s3.region of coffer.yaml, else us-east-1).")
  private String region;

  @Option(names = "--s3-path-style", description = "Address buckets in the path (host/bucket/key), as MinIO and Ceph often need (default: s3.path-style of coffer.yaml).")
  private Boolean pathStyle;

  /** The location as typed: a name is turned into its location by the engine. */
  public String location() {
    return location;
  }

  /** The configuration with the flags given here in place of its {@code s3.*} keys. */
  public CofferConfig applyTo(CofferConfig config) {
    return config.withS3(endpoint != null ? Optional.of(endpoint) : config.s3Endpoint(),
        region != null ? region : config.s3Region(), pathStyle != null ? pathStyle : config.s3PathStyle());
  }
}
