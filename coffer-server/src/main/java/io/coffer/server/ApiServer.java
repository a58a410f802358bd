package io.coffer.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.access.Principal;
import io.coffer.server.api.Endpoints;
import io.coffer.server.auth.Authenticator;
import io.coffer.server.auth.Backoff;
import io.coffer.server.auth.Sessions;
import io.coffer.server.http.ApiException;
import io.coffer.server.http.Problems;
import io.coffer.server.http.Route;
import io.coffer.server.events.JobFeed;
import io.coffer.server.metrics.PrometheusMetrics;
import io.coffer.server.tls.ServerCertificate;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The administration API's HTTP server: Javalin on Jetty, one connector (TLS unless told
 * otherwise), the routes of {@link Endpoints}, each behind authentication and its role.
 *
 * <p>Lifecycle: {@link #start} binds and serves until {@link #close}. Requests run on Jetty's
 * bounded thread pool; a request's catalog changes are recorded under its user. Closing stops
 * accepting, lets running requests end, and leaves the engine open (its owner closes it).
 */
public final class ApiServer implements AutoCloseable {

  /** Where the API lives. */
  public static final String BASE = "/api/v1";
  /**
   * The request header by which a client asks for refusals in the command line's names of the
   * options ({@code target-dir}, {@code --force}) instead of the JSON's ({@code targetDirectory},
   * {@code "force": true}): {@code coffer --server} sends it, so its users read what they typed.
   */
  public static final String NAMES = "X-Coffer-Names";
  /** The value of {@link #NAMES} that asks for the command line's names. */
  public static final String COMMAND_LINE_NAMES = "command-line";
  private static final String STARTED = ApiServer.class.getName() + ".started";

  private final Javalin app;
  private final List<Route> routes;
  private final Optional<ServerCertificate> certificate;
  private final ServerSettings settings;
  private final JobFeed feed;

  private ApiServer(Javalin app, List<Route> routes, Optional<ServerCertificate> certificate,
      ServerSettings settings, JobFeed feed) {
    this.feed = feed;
    this.app = app;
    this.routes = routes;
    this.certificate = certificate;
    this.settings = settings;
  }

  /** Binds and starts serving; fails with an {@link EngineException} naming the address when it cannot. */
  public static ApiServer start(Coffer coffer, ServerSettings settings) {
    ObjectMapper json = mapper();
    Optional<ServerCertificate> certificate = settings.insecureHttp() ? Optional.empty() : Optional.of(certificate(settings));
    PrometheusMetrics metrics = new PrometheusMetrics();
    JobFeed feed = new JobFeed(coffer, Duration.ofSeconds(1));
    Backoff backoff = new Backoff(settings.freeLoginFailures(), settings.maxBackoff(), Clock.systemUTC());
    Sessions sessions = new Sessions(Duration.ofMinutes(30), Clock.systemUTC());
    List<Route> routes = Endpoints.all(coffer, json, metrics, settings.metricsOpen(), feed, sessions, backoff,
        certificate.isPresent());
    Authenticator authenticator = new Authenticator(coffer.access(), backoff, sessions);
    Javalin app = Javalin.create(config -> configure(config, settings, certificate, json, routes, authenticator, coffer,
        metrics));
    try {
      app.start();
    } catch (RuntimeException e) {
      feed.close();
      app.stop();
      throw new EngineException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
          + rootMessage(e), e);
    }
    return new ApiServer(app, routes, certificate, settings, feed);
  }

  private static void configure(JavalinConfig config, ServerSettings settings, Optional<ServerCertificate> certificate,
      ObjectMapper json, List<Route> routes, Authenticator authenticator, Coffer coffer, PrometheusMetrics metrics) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.jsonMapper(new JavalinJackson(json, false));
    config.http.maxRequestSize = settings.maxBodyBytes();
    config.http.defaultContentType = "application/json";
    config.router.ignoreTrailingSlashes = true;
    QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
    threads.setName("api");
    config.jetty.threadPool = threads;
    config.jetty.addConnector((server, http) -> connector(server, http, settings, certificate));
    Problems.register(config);
    config.routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    config.routes.after(ctx -> {
      SecurityHeaders.apply(ctx, certificate.isPresent());
      Long started = ctx.attribute(STARTED);
      Route route = ctx.attribute(Route.class.getName());
      if (started != null) {
        metrics.request(ctx.method().name(), route == null ? "unmatched" : route.path(), ctx.statusCode(),
            System.nanoTime() - started);
      }
    });
    for (Route route : routes) {
      config.routes.addHttpHandler(route.method(), route.path(), ctx -> guarded(ctx, route, authenticator, coffer));
    }
  }

  /** Authenticates (unless the route is the open health probe), checks the role, runs as the user. */
  private static void guarded(Context ctx, Route route, Authenticator authenticator, Coffer coffer) throws Exception {
    ctx.attribute(Route.class.getName(), route);
    if (route.open()) {
      route.handler().handle(ctx);
      return;
    }
    Principal principal;
    try {
      principal = authenticator.require(ctx, route.role());
    } catch (ApiException e) {
      // A person who opens a console page without a session is sent to log in, not shown a 401.
      if (e.status() == 401 && route.path().startsWith("/console") && ctx.method().name().equals("GET")) {
        ctx.redirect("/console/login", io.javalin.http.HttpStatus.SEE_OTHER);
        return;
      }
      throw e;
    }
    ctx.attribute(Principal.class.getName(), principal);
    Exception[] failure = new Exception[1];
    coffer.access().actingAs(principal, () -> {
      try {
        route.handler().handle(ctx);
      } catch (Exception e) {
        failure[0] = e;
      }
      return null;
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    if (ctx.statusCode() == 200 && route.success() != 200) {
      ctx.status(route.success());
    }
  }

  private static ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration http,
      ServerSettings settings, Optional<ServerCertificate> certificate) {
    http.setRequestHeaderSize(settings.maxHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector;
    if (certificate.isPresent()) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStore(certificate.get().keyStore());
      tls.setKeyStorePassword(new String(certificate.get().password()));
      tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // A self-signed certificate names this host; clients reaching it by address must not be refused for SNI.
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    return connector;
  }

  private static ServerCertificate certificate(ServerSettings settings) {
    if (settings.tlsCertificate().isPresent()) {
      return ServerCertificate.fromPem(settings.tlsCertificate().get(), settings.tlsKey().get());
    }
    if (settings.tlsKeystore().isPresent()) {
      return ServerCertificate.fromPkcs12(settings.tlsKeystore().get(), keystorePassword(settings));
    }
    return ServerCertificate.selfSigned(settings.tlsDirectory());
  }

  private static char[] keystorePassword(ServerSettings settings) {
    if (settings.tlsKeystorePasswordFile().isEmpty()) {
      return new char[0];
    }
    try {
      String text = Files.readString(settings.tlsKeystorePasswordFile().get(), StandardCharsets.UTF_8);
      return text.replaceAll("[\\r\\n]+$", "").toCharArray();
    } catch (IOException e) {
      throw new EngineException("cannot read the keystore password file " + settings.tlsKeystorePasswordFile().get()
          + ": " + e.getMessage(), e);
    }
  }

  /** The JSON of the API ({@link ApiJson}). */
  public static ObjectMapper mapper() {
    return ApiJson.mapper();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The port it listens on (the one picked, when 0 was asked). */
  public int port() {
    return app.port();
  }

  /** The base URL of the API, e.g. {@code https://127.0.0.1:8443/api/v1}. */
  public URI uri() {
    String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((certificate.isPresent() ? "https" : "http") + "://" + host + ":" + port() + BASE);
  }

  /** The certificate it presents; empty on plain HTTP. */
  public Optional<ServerCertificate> certificate() {
    return certificate;
  }

  /** Every route it serves, as registered. */
  public List<Route> routes() {
    return routes;
  }

  @Override
  public void close() {
    feed.close();
    app.stop();
  }
}
