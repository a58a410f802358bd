package io.coffer.cli.remote;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The root options that send commands to a server: where, with which token, trusting which certificate. */
public final class RemoteOptions {

  @Option(names = "--server", paramLabel = "URL",
      description = "Send the command to this Coffer server's API (e.g. https://backup01:8443) instead of a catalog.")
  public String server;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding an API token for --server (coffer token create).")
  public Path tokenFile;

  @Option(names = "--server-certificate", paramLabel = "FILE",
      description = "A PEM certificate to trust for --server (a self-signed server's server-cert.pem).")
  public Path certificate;

  public boolean given() {
    return server != null;
  }
}
