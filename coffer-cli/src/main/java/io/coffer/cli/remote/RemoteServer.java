package io.coffer.cli.remote;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.cli.UserException;
import io.coffer.engine.config.ClientSettings;
import io.coffer.server.ApiJson;
import io.coffer.server.ApiServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * A Coffer server's API as the command line speaks to it: the token read from a file or the
 * environment (never an argument), the certificate trusted through a CA file or a pinned
 * fingerprint (never blindly), plain HTTP only when asked for, and every refusal turned into the
 * one line the server wrote ({@code error}) with a non-zero exit. Answers are read into the
 * catalog's records with the server's own JSON mapping ({@link ApiJson}).
 */
public final class RemoteServer {

  /** A refusal or failure the server answered with; {@code status} says which. */
  public static final class Refused extends UserException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private static final ObjectMapper JSON = ApiJson.mapper();

  private final URI base;
  private final String token;
  private final HttpClient client;

  private RemoteServer(URI base, String token, HttpClient client) {
    this.base = base;
    this.token = token;
    this.client = client;
  }

  /**
   * The server {@code url} names, with the token and trust the options give, else coffer.yaml's
   * {@code client.*} keys, else (the token) {@link RemoteOptions#TOKEN_VARIABLE}.
   */
  public static RemoteServer connect(String url, RemoteOptions options, ClientSettings settings,
      Map<String, String> environment) {
    URI base = base(url);
    boolean https = base.getScheme().equals("https");
    if (!https && !options.insecureHttp) {
      throw new UserException("--server \"" + url + "\" is plain HTTP: the token would cross the network"
          + " unencrypted; accepted: an https:// URL, or http:// with --insecure-http");
    }
    String token = token(options, settings, environment);
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30));
    Optional<Path> caFile = Optional.ofNullable(options.caFile).or(settings::caFile);
    Optional<String> fingerprint = Optional.ofNullable(options.fingerprint).or(settings::serverFingerprint);
    if (https && fingerprint.isPresent()) {
      client.sslContext(ServerTrust.pinned(fingerprint.get()));
    } else if (https && caFile.isPresent()) {
      client.sslContext(ServerTrust.caFile(caFile.get()));
    }
    return new RemoteServer(base, token, client.build());
  }

  private static URI base(String url) {
    String accepted = "; accepted: a URL such as https://backup01:8443";
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw new UserException("--server \"" + url + "\" is not valid" + accepted);
    }
    if (base.getScheme() == null || !(base.getScheme().equals("https") || base.getScheme().equals("http"))
        || base.getHost() == null) {
      throw new UserException("--server \"" + url + "\" is not valid" + accepted);
    }
    return base;
  }

  private static String token(RemoteOptions options, ClientSettings settings, Map<String, String> environment) {
    if (options.tokenFile != null) {
      return read(options.tokenFile);
    }
    String variable = environment.get(RemoteOptions.TOKEN_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return variable.strip();
    }
    return settings.tokenFile().map(RemoteServer::read).orElseThrow(() -> new UserException(
        "--server needs a token: --token-file FILE (a file holding an API token: coffer token create), "
            + RemoteOptions.TOKEN_VARIABLE + " or client.token-file"));
  }

  private static String read(Path tokenFile) {
    String token;
    try {
      token = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    } catch (IOException e) {
      throw new UserException("--token-file " + tokenFile + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (token.isEmpty()) {
      throw new UserException("--token-file " + tokenFile + " holds no token");
    }
    return token;
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public <T> T get(String path, Class<T> type) {
    return read(get(path), type);
  }

  public <T> T get(String path, TypeReference<T> type) {
    return JSON.convertValue(get(path), type);
  }

  public JsonNode post(String path, Object body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  public <T> T post(String path, Object body, Class<T> type) {
    return read(post(path, body), type);
  }

  /** An answer (or a part of one) as a record of the catalog. */
  public static <T> T read(JsonNode answer, Class<T> type) {
    try {
      return JSON.treeToValue(answer, type);
    } catch (IOException e) {
      throw new UserException("the server's answer is not a " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A record (or a map of them) as the API writes it, for {@code --json}. */
  public static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      // Refusals in the names of the options the user typed (target-dir, not the JSON's targetDirectory).
      response = client.send(request.header("Authorization", "Bearer " + token).header("Accept", "application/json")
          .header(ApiServer.NAMES, ApiServer.COMMAND_LINE_NAMES).timeout(Duration.ofMinutes(2)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new UserException("cannot connect to server " + base + ": " + (e.getMessage() == null
          ? "connection refused" : e.getMessage()), e);
    } catch (SSLException e) {
      throw new UserException("server " + base + " is not trusted: " + rootMessage(e) + " (give --ca-file with its"
          + " certificate or --server-fingerprint with the fingerprint coffer server prints)", e);
    } catch (IOException e) {
      throw new UserException("server " + base + " cannot be reached: " + rootMessage(e), e);
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
      throw new Refused(response.statusCode(), "server " + base + " refused (" + response.statusCode() + "): "
          + body.path("error").asText("no reason given"));
    }
    return body;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
