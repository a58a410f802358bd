package io.coffer.cli.server;

import io.coffer.engine.config.CofferConfig;
import io.coffer.server.ApiServer;
import io.coffer.server.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the API server listens: TLS by default (a PEM certificate and key, a PKCS12 keystore, or a
 * self-signed certificate made in the state directory on first start), plain HTTP only with
 * {@code --insecure-http}, and then on loopback unless {@code --listen} says otherwise.
 */
public final class ServerOptions {

  @Option(names = "--listen", paramLabel = "ADDRESS",
      description = "HOST:PORT, :PORT or [IPv6]:PORT to listen on (default :8443 with TLS, 127.0.0.1:8080 with"
          + " --insecure-http).")
  String listen;

  @Option(names = "--insecure-http", description = "Serve plain HTTP (no TLS), on 127.0.0.1 unless --listen names"
      + " another address: for a reverse proxy on the same host.")
  boolean insecureHttp;

  @Option(names = "--tls-certificate", paramLabel = "FILE", description = "PEM certificate (chain) to present.")
  Path certificate;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-certificate.")
  Path key;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS12 keystore holding the key and"
      + " certificate, instead of PEM files.")
  Path keystore;

  @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
      description = "File holding the keystore's password.")
  Path keystorePasswordFile;

  @Option(names = "--metrics-open", description = "Let Prometheus scrape /metrics without a token.")
  boolean metricsOpen;

  /** Whether any option of the server was given (for {@code agent run}, which serves only when asked). */
  public boolean given() {
    return listen != null || insecureHttp || certificate != null || keystore != null;
  }

  public ServerSettings settings(CofferConfig config) {
    ServerSettings settings = ServerSettings.defaults(config.home());
    if (insecureHttp) {
      settings = settings.insecure();
    }
    if (certificate != null || key != null) {
      settings = new ServerSettings(settings.host(), settings.port(), settings.insecureHttp(), settings.stateDirectory(),
          java.util.Optional.ofNullable(certificate), java.util.Optional.ofNullable(key), java.util.Optional.empty(),
          java.util.Optional.empty(), settings.maxBodyBytes(), settings.maxHeaderBytes(), settings.idleTimeout(),
          settings.maxThreads(), settings.freeLoginFailures(), settings.maxBackoff(), settings.metricsOpen());
    }
    if (keystore != null) {
      settings = settings.pkcs12(keystore, keystorePasswordFile);
    }
    if (metricsOpen) {
      settings = settings.openMetrics();
    }
    return listen == null ? settings : settings.listen(listen);
  }

  /** Says where the server listens and, over TLS, the fingerprint clients compare. */
  public static void announce(ApiServer server, PrintWriter err) {
    err.println("coffer: serving the API at " + server.uri());
    server.certificate().ifPresent(c -> err.println("coffer: TLS certificate " + (c.generated()
        ? "generated (self-signed) " : "") + c.fingerprint()));
    if (server.certificate().isEmpty()) {
      err.println("coffer: warning: plain HTTP, no TLS: credentials cross the network readable unless it is loopback");
    }
    err.flush();
  }
}
