package io.coffer.server;

import io.coffer.catalog.access.Role;
import io.coffer.engine.Coffer;
import io.coffer.engine.agent.AgentDaemon;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.repo.ProgressListener;
import io.coffer.source.SourceListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * A running server for a test class: an SQLite catalog in a temporary home, one user and one token
 * per role, the server on a free loopback port, and a client that speaks to it over real HTTP.
 */
public final class ServerFixture implements AutoCloseable {

  public static final String PASSWORD = "a long enough password";

  public final Coffer coffer;
  public final ApiServer server;
  public final Map<Role, String> tokens = new EnumMap<>(Role.class);
  private final HttpClient client;
  private AgentDaemon agent;

  public ServerFixture(Path home, java.util.function.UnaryOperator<ServerSettings> settings) {
    this(home, settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
  }

  public ServerFixture(Path home, java.util.function.UnaryOperator<ServerSettings> settings, HttpClient client) {
    this(Coffer.open(config(home, Map.of()), location -> "unused".toCharArray()), settings, client);
  }

  /** A server over an engine the test opened (its own settings, passphrase, wrapped backends). */
  public ServerFixture(Coffer coffer, java.util.function.UnaryOperator<ServerSettings> settings, HttpClient client) {
    this.coffer = coffer;
    for (Role role : Role.values()) {
      coffer.access().addUser(role.toString(), role, PASSWORD.toCharArray());
      tokens.put(role, coffer.access().createToken(role.toString(), "tests", null).secret());
    }
    this.server = ApiServer.start(coffer, settings.apply(ServerSettings.defaults(coffer.config().home()).insecure().listen("127.0.0.1:0")));
    this.client = client;
  }

  /**
   * A server over a new engine in {@code home} with a local volume {@code vault} under {@code
   * passphrase}, and this host's agent (backup01) started, polling every 100 ms: what is queued
   * through the server is carried out, and backups run here ({@link #backUp}) name the agent.
   */
  public static ServerFixture withAgent(Path home, String passphrase, String keyName) throws IOException {
    Path volume = localVolume(home, passphrase, keyName);
    Coffer coffer = Coffer.open(config(home, Map.of("COFFER_AGENT_HEARTBEAT", "200ms", "COFFER_AGENT_POLL", "100ms")),
        location -> passphrase.toCharArray());
    coffer.volumes().add("vault", volume.toString(), keyName + " volume");
    ServerFixture fixture = new ServerFixture(coffer, s -> s, HttpClient.newHttpClient());
    fixture.agent = coffer.agentDaemon(Clock.systemUTC(), "test");
    fixture.agent.start();
    return fixture;
  }

  /** Runs the backup here, waiting for it; its id. */
  public long backUp(BackupOrder order) {
    return coffer.backups().run(order, ProgressListener.NONE, SourceListener.NONE).recorded().orElseThrow().id();
  }

  /** The configuration of a home in {@code home}, with settings of the environment added. */
  public static io.coffer.engine.config.CofferConfig config(Path home, Map<String, String> settings) {
    Map<String, String> env = new java.util.HashMap<>(settings);
    env.put("COFFER_HOME", home.resolve("home").toString());
    env.put("COFFER_AGENT", "backup01");
    return new ConfigLoader(env, home, home.resolve("no-such-file.yaml")).load();
  }

  /** Makes a local volume in {@code home}/volume under {@code passphrase} (a fast key derivation, for tests). */
  public static Path localVolume(Path home, String passphrase, String keyName) throws IOException {
    Path volume = home.resolve("volume");
    try (io.coffer.repo.Volume v = io.coffer.repo.Volume.init(new io.coffer.repo.backend.LocalBackend(volume),
        io.coffer.repo.VolumeOptions.defaults().withKdf(io.coffer.repo.crypto.KdfParams.weakForTests()),
        passphrase.toCharArray(), io.coffer.repo.TestData.masterKey(keyName))) {
      v.config();
    }
    return volume;
  }

  /** The URL of a path under the server, e.g. {@code /api/v1/backups}. */
  public URI uri(String path) {
    URI base = server.uri();
    return URI.create(base.getScheme() + "://" + base.getAuthority() + path);
  }

  public HttpResponse<String> send(String method, String path, String authorization, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The status of a request whose answer may be a stream that stays open (server-sent events): the
   * headers are read, the stream is closed.
   */
  public int status(Role role, String method, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "text/event-stream");
    if (role != null) {
      request.header("Authorization", bearer(tokens.get(role)));
    }
    try {
      HttpResponse<java.io.InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      return response.statusCode();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> as(Role role, String method, String path, String body) {
    return send(method, path, bearer(tokens.get(role)), body);
  }

  public HttpResponse<String> get(Role role, String path) {
    return as(role, "GET", path, null);
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      if (agent != null) {
        agent.stop(Duration.ofSeconds(10));
      }
      server.close();
    } finally {
      coffer.close();
    }
  }
}
