package io.coffer.cli.server;

import io.coffer.cli.session.EngineCommand;
import io.coffer.engine.Coffer;
import io.coffer.server.ApiServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code coffer server}: the administration API in the foreground until SIGTERM. It serves what the
 * catalog holds and queues jobs; agents ({@code coffer agent run}, which can serve the API itself with
 * {@code --listen}) carry the jobs out.
 */
@Command(name = "server", description = {"Serve the administration API and the web console over HTTPS until stopped.",
    "JSON under /api/v1, OpenAPI at /api/v1/openapi.json, the console at /console/, metrics at /metrics.",
    "Users: coffer user add; tokens: coffer token create.",
    "Without a certificate, a self-signed one is made in the state directory and its fingerprint printed."})
public final class ServerCommand extends EngineCommand {

  @Mixin ServerOptions options;

  @Override
  protected int run(Coffer coffer) {
    CountDownLatch stopped = new CountDownLatch(1);
    try (ApiServer server = ApiServer.start(coffer, options.settings(coffer.config()))) {
      ServerOptions.announce(server, err());
      if (json()) {
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("url", server.uri().toString());
        started.put("fingerprint", server.certificate().map(c -> c.fingerprint()).orElse(null));
        printJson(started);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "server-stop"));
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
