package io.coffer.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.coffer.engine.config.AgentSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notices reach a real command and a real webhook on loopback; a target that fails is only logged. */
class NotifierTest {

  @TempDir Path tmp;

  private static final Notice FAILED = new Notice("job.failed", 12, "BACKUP", "FAILED", "backup01", "pg1", 4L, null,
      41L, "backup 41 of node pg1 FAILED: pg_dump exited with status 1", Instant.parse("2026-03-02T01:41:07Z"),
      List.of("dba@example.org"));

  private static AgentSettings settings(Optional<String> command, Optional<URI> webhook, boolean onSuccess) {
    return new AgentSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5),
        Duration.ofSeconds(60), 0, command, webhook, onSuccess, Optional.empty());
  }

  @Test
  void aFailure_reachesTheCommandAndTheWebhookAsJson() throws Exception {
    List<String> posted = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      posted.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      Path heard = tmp.resolve("heard.json");
      Notifier notifier = new Notifier(settings(Optional.of("cat > '" + heard + "'; echo \"$COFFER_NOTICE_EVENT"
          + " $COFFER_NOTICE_ADDRESSES\" >> '" + heard + "'"),
          Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook")), false));

      assertThat(notifier.wants("FAILED")).isTrue();
      assertThat(notifier.wants("SUCCEEDED")).as("successes only when asked for").isFalse();
      assertThat(notifier.send(FAILED)).as("targets that failed").isEmpty();

      assertThat(Files.readString(heard)).contains("\"event\":\"job.failed\"").contains("\"job\":12")
          .contains("\"backup\":41").contains("\"addresses\":[\"dba@example.org\"]")
          .contains("\"at\":\"2026-03-02T01:41:07Z\"").endsWith("job.failed dba@example.org\n");
      assertThat(posted).singleElement().asString().startsWith("application/json {")
          .contains("\"summary\":\"backup 41 of node pg1 FAILED: pg_dump exited with status 1\"");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aTargetThatFails_isReportedNotThrown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Notifier notifier = new Notifier(settings(Optional.of("exit 3"),
        Optional.of(URI.create("http://127.0.0.1:" + closedPort + "/hook")), true));

    assertThat(notifier.wants("SUCCEEDED")).isTrue();
    assertThat(notifier.send(FAILED)).containsExactly("command", "webhook");
  }
}
