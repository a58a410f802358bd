package io.coffer.cli.volume;

import io.coffer.cli.CofferCommand;
import io.coffer.cli.registration.VolumeNames;
import io.coffer.repo.backend.Backend;
import io.coffer.repo.backend.Backends;
import io.coffer.repo.backend.S3Options;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The volume a command works on: a path or {@code s3://bucket/prefix}, and how to reach S3. */
public final class LocationOptions {

  // The command this mixin belongs to: its root holds the environment, to look up registered names.
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "The volume: a directory, s3://bucket/prefix, or the name of a registered volume.")
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
    String resolved = VolumeNames.location(mixee.root().userObject(), CofferCommand.environment(mixee), location);
    return Backends.open(resolved, new S3Options(Optional.ofNullable(endpoint), region, pathStyle));
  }
}
