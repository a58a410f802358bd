package io.coffer.server;

import io.coffer.catalog.CatalogValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the server listens, validated when built: the address, TLS (a PEM certificate and key, a
 * PKCS12 keystore, or a self-signed certificate made in {@code stateDirectory}) or plain HTTP, and
 * the limits that keep one client from holding the server: body and header sizes, the idle time
 * after which a silent connection is closed, the threads, and the backoff after failed logins.
 */
public record ServerSettings(
    String host,
    int port,
    boolean insecureHttp,
    Path stateDirectory,
    Optional<Path> tlsCertificate,
    Optional<Path> tlsKey,
    Optional<Path> tlsKeystore,
    Optional<Path> tlsKeystorePasswordFile,
    long maxBodyBytes,
    int maxHeaderBytes,
    Duration idleTimeout,
    int maxThreads,
    int freeLoginFailures,
    Duration maxBackoff,
    boolean metricsOpen) {

  public static final int DEFAULT_TLS_PORT = 8443;
  public static final int DEFAULT_HTTP_PORT = 8080;

  public ServerSettings {
    if (port < 0 || port > 65535) {
      throw new CatalogValidationException("listen", host + ":" + port, "a port from 1 to 65535 (0 picks a free one)");
    }
    if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
      throw new CatalogValidationException(tlsCertificate.isPresent() ? "tls-key" : "tls-certificate", "(missing)",
          "--tls-certificate and --tls-key given together");
    }
    if (tlsKeystore.isPresent() && tlsCertificate.isPresent()) {
      throw new CatalogValidationException("tls-keystore", tlsKeystore.get(),
          "either a PEM certificate and key or a PKCS12 keystore, not both");
    }
    if (insecureHttp && (tlsKeystore.isPresent() || tlsCertificate.isPresent())) {
      throw new CatalogValidationException("insecure-http", "true", "plain HTTP without TLS options, or TLS without"
          + " --insecure-http");
    }
  }

  /** Defaults: TLS on all addresses at 8443 with a self-signed certificate in {@code stateDirectory}. */
  public static ServerSettings defaults(Path stateDirectory) {
    return new ServerSettings("0.0.0.0", DEFAULT_TLS_PORT, false, stateDirectory, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), 64 * 1024, 8 * 1024, Duration.ofSeconds(30), 200, 5,
        Duration.ofMinutes(5), false);
  }

  /** Plain HTTP on loopback (tests, a reverse proxy on the same host). */
  public ServerSettings insecure() {
    return new ServerSettings("127.0.0.1", port == DEFAULT_TLS_PORT ? DEFAULT_HTTP_PORT : port, true, stateDirectory,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), maxBodyBytes, maxHeaderBytes,
        idleTimeout, maxThreads, freeLoginFailures, maxBackoff, metricsOpen);
  }

  /**
   * Listens on {@code HOST:PORT}, {@code :PORT} (every address) or {@code [IPv6]:PORT}; port 0 picks
   * a free one.
   */
  public ServerSettings listen(String address) {
    String accepted = "HOST:PORT, :PORT or [IPv6]:PORT with a port from 0 to 65535, e.g. 127.0.0.1:8443";
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon < 0) {
      throw new CatalogValidationException("listen", address, accepted);
    }
    String h = address.substring(0, colon);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    int p;
    try {
      p = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new CatalogValidationException("listen", address, accepted);
    }
    if (p < 0 || p > 65535) {
      throw new CatalogValidationException("listen", address, accepted);
    }
    return new ServerSettings(h.isEmpty() ? "0.0.0.0" : h, p, insecureHttp, stateDirectory, tlsCertificate, tlsKey,
        tlsKeystore, tlsKeystorePasswordFile, maxBodyBytes, maxHeaderBytes, idleTimeout, maxThreads,
        freeLoginFailures, maxBackoff, metricsOpen);
  }

  public ServerSettings pem(Path certificate, Path key) {
    return new ServerSettings(host, port, insecureHttp, stateDirectory, Optional.of(certificate), Optional.of(key),
        Optional.empty(), Optional.empty(), maxBodyBytes, maxHeaderBytes, idleTimeout, maxThreads, freeLoginFailures,
        maxBackoff, metricsOpen);
  }

  public ServerSettings pkcs12(Path keystore, Path passwordFile) {
    return new ServerSettings(host, port, insecureHttp, stateDirectory, Optional.empty(), Optional.empty(),
        Optional.of(keystore), Optional.ofNullable(passwordFile), maxBodyBytes, maxHeaderBytes, idleTimeout,
        maxThreads, freeLoginFailures, maxBackoff, metricsOpen);
  }

  /** Failed logins a client may make before it must wait, and the longest wait. */
  public ServerSettings backoff(int free, Duration max) {
    return new ServerSettings(host, port, insecureHttp, stateDirectory, tlsCertificate, tlsKey, tlsKeystore,
        tlsKeystorePasswordFile, maxBodyBytes, maxHeaderBytes, idleTimeout, maxThreads, free, max, metricsOpen);
  }

  public ServerSettings idleTimeout(Duration timeout) {
    return new ServerSettings(host, port, insecureHttp, stateDirectory, tlsCertificate, tlsKey, tlsKeystore,
        tlsKeystorePasswordFile, maxBodyBytes, maxHeaderBytes, timeout, maxThreads, freeLoginFailures, maxBackoff, metricsOpen);
  }

  /** Lets Prometheus scrape {@code /metrics} without credentials (they say nothing secret, but names and counts). */
  public ServerSettings openMetrics() {
    return new ServerSettings(host, port, insecureHttp, stateDirectory, tlsCertificate, tlsKey, tlsKeystore,
        tlsKeystorePasswordFile, maxBodyBytes, maxHeaderBytes, idleTimeout, maxThreads, freeLoginFailures, maxBackoff,
        true);
  }

  /** Whether the address is a loopback one, where plain HTTP cannot be overheard from the network. */
  public boolean loopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Where a self-signed certificate is kept. */
  public Path tlsDirectory() {
    return stateDirectory.resolve("server");
  }
}
