package io.coffer.cli.remote;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.cli.UserException;
import io.coffer.engine.config.ClientSettings;
import io.coffer.server.ApiJson;
import io.coffer.server.ApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A Coffer server's API as the command line speaks to it: the token read from a file or the
 * environment (never an argument), the certificate trusted through a CA file or a pinned
 * fingerprint (never blindly), plain HTTP only when asked for, and every refusal turned into the
 * one line the server wrote ({@code error}) with a non-zero exit. Answers are read into the
 * catalog's records with the server's own JSON mapping ({@link ApiJson}).
 *
 * <p>Spoken through {@link HttpURLConnection}, not the JDK's newer {@code HttpClient}: that one keeps
 * a selector thread waiting in native code, and a JVM that exits waits up to 0.3 s for such a thread
 * (HotSpot's exit waits for threads in native code to block): a third of a second added to every
 * command sent to a server. A command makes a few requests one after the other; a blocking
 * connection on the command's own thread is all it needs.
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

  private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private final URI base;
  private final String token;
  /** The trust of an https server; null: the system's CAs (and for plain HTTP, none is needed). */
  private final SSLContext trust;

  private RemoteServer(URI base, String token, SSLContext trust) {
    this.base = base;
    this.token = token;
    this.trust = trust;
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
    Optional<Path> caFile = Optional.ofNullable(options.caFile).or(settings::caFile);
    Optional<String> fingerprint = Optional.ofNullable(options.fingerprint).or(settings::serverFingerprint);
    SSLContext trust = null;
    if (https && fingerprint.isPresent()) {
      trust = ServerTrust.pinned(fingerprint.get());
    } else if (https && caFile.isPresent()) {
      trust = ServerTrust.caFile(caFile.get());
    }
    return new RemoteServer(base, token, trust);
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
    return send("GET", path, null);
  }

  public <T> T get(String path, Class<T> type) {
    return read(get(path), type);
  }

  public <T> T get(String path, TypeReference<T> type) {
    return JSON.convertValue(get(path), type);
  }

  public JsonNode post(String path, Object body) {
    return send("POST", path, json(body));
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

  private JsonNode send(String method, String path, String body) {
    int status;
    String answer;
    try {
      HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
      if (trust != null && connection instanceof HttpsURLConnection https) {
        // The JDK's default host name verifier stays: with it the trust manager checks the name (a
        // CA file's) or, pinned, the certificate itself is the check (ServerTrust).
        https.setSSLSocketFactory(trust.getSocketFactory());
      }
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(READ_TIMEOUT_MILLIS);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestMethod(method);
      connection.setRequestProperty("Authorization", "Bearer " + token);
      connection.setRequestProperty("Accept", "application/json");
      // Refusals in the names of the options the user typed (target-dir, not the JSON's targetDirectory).
      connection.setRequestProperty(ApiServer.NAMES, ApiServer.COMMAND_LINE_NAMES);
      if (body != null) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(bytes);
        }
      }
      status = connection.getResponseCode();
      try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (ConnectException e) {
      throw new UserException("cannot connect to server " + base + ": " + (e.getMessage() == null
          ? "connection refused" : e.getMessage()), e);
    } catch (SSLException e) {
      throw new UserException("server " + base + " is not trusted: " + rootMessage(e) + " (give --ca-file with its"
          + " certificate or --server-fingerprint with the fingerprint coffer server prints)", e);
    } catch (IOException e) {
      throw new UserException("server " + base + " cannot be reached: " + rootMessage(e), e);
    }
    JsonNode tree;
    try {
      tree = answer.isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer);
    } catch (IOException e) {
      throw new UserException("server " + base + " answered " + status + " with no JSON");
    }
    if (status >= 400) {
      throw new Refused(status, "server " + base + " refused (" + status + "): "
          + tree.path("error").asText("no reason given"));
    }
    return tree;
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
