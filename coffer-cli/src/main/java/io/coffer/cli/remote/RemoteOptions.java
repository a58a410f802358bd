package io.coffer.cli.remote;

import io.coffer.cli.UserException;
import io.coffer.engine.config.ClientSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The root options that send commands to a server: where, with which token, trusting which
 * certificate. Each overrides its {@code client.*} key of coffer.yaml ({@link ClientSettings}).
 * Plain picocli fields: building them loads nothing of the HTTP client.
 */
public final class RemoteOptions {

  /** The variable that may hold the token itself (a file is better: the environment is inherited). */
  public static final String TOKEN_VARIABLE = "COFFER_CLIENT_TOKEN";

  @Option(names = "--server", paramLabel = "URL",
      description = "Send the command to this Coffer server's API (e.g. https://backup01:8443) instead of a catalog."
          + " Default: client.server of coffer.yaml (COFFER_CLIENT_SERVER).")
  public String server;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file whose first line is an API token for --server (coffer token create); or "
          + TOKEN_VARIABLE + ", or client.token-file.")
  public Path tokenFile;

  @Option(names = {"--ca-file", "--server-certificate"}, paramLabel = "FILE",
      description = "A PEM certificate (or the CA that signed it) to trust for --server, e.g. a self-signed"
          + " server's server-cert.pem.")
  public Path caFile;

  @Option(names = "--server-fingerprint", paramLabel = "SHA256",
      description = "Trust --server only when its certificate has this SHA-256 fingerprint (coffer server prints it).")
  public String fingerprint;

  @Option(names = "--insecure-http", description = "Allow a plain http:// --server: the token crosses the network"
      + " unencrypted.")
  public boolean insecureHttp;

  /** Parsed only to be refused with a reason: a token in the arguments is visible to every user of the host. */
  @Option(names = "--token", paramLabel = "TOKEN", hidden = true)
  String token;

  /** The server the command goes to: the option, else coffer.yaml's; empty: the catalog here. */
  public Optional<String> server(ClientSettings settings) {
    refuseTokenArgument();
    return Optional.ofNullable(server).or(settings::server);
  }

  /** Refuses {@code --token}: the token is read from a file or the environment only. */
  public void refuseTokenArgument() {
    if (token != null) {
      throw new UserException("--token is refused: a token in the arguments is visible to every user of this"
          + " host; accepted: --token-file FILE, " + TOKEN_VARIABLE + " or client.token-file");
    }
  }
}
