package io.coffer.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.cli.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Coffer server's API as the command line speaks to it: the token read from a file (never an
 * argument), the server's certificate trusted from a PEM file when it is self-signed, and every
 * refusal turned into the one line the server wrote ({@code error}), with the field it names.
 */
public final class RemoteServer {

  /** A refusal or failure the server answered with; {@code status} says which. */
  public static final class Refused extends UserException {
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient client;

  private RemoteServer(URI base, String token, HttpClient client) {
    this.base = base;
    this.token = token;
    this.client = client;
  }

  /**
   * @param url the server, e.g. {@code https://backup01:8443}
   * @param tokenFile a file whose first line is an API token
   * @param certificate a PEM certificate to trust (a self-signed server's), or null for the system's
   */
  public static RemoteServer connect(String url, Path tokenFile, Path certificate) {
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw new UserException("--server \"" + url + "\" is not valid; accepted: a URL such as https://backup01:8443");
    }
    if (base.getScheme() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http"))
        || base.getHost() == null) {
      throw new UserException("--server \"" + url + "\" is not valid; accepted: a URL such as https://backup01:8443");
    }
    if (tokenFile == null) {
      throw new UserException("--server needs --token-file FILE (a file holding an API token: coffer token create)");
    }
    String token;
    try {
      token = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    } catch (IOException e) {
      throw new UserException("--token-file " + tokenFile + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (token.isEmpty()) {
      throw new UserException("--token-file " + tokenFile + " holds no token");
    }
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30));
    if (certificate != null) {
      client.sslContext(trusting(certificate));
    }
    return new RemoteServer(base, token, client.build());
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public JsonNode post(String path, Object body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = client.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2))
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UserException("server " + base + " cannot be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while waiting for " + base);
    }
    JsonNode body;
    try {
      body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UserException("server " + base + " answered " + response.statusCode() + " with no JSON");
    }
    if (response.statusCode() >= 400) {
      throw new Refused(response.statusCode(), body.path("error").asText("server answered " + response.statusCode()));
    }
    return body;
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext trusting(Path certificate) {
    try (InputStream in = Files.newInputStream(certificate)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("server-" + i++, cert);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new UserException("--server-certificate " + certificate + " cannot be read as a PEM certificate: "
          + e.getMessage());
    }
  }
}
