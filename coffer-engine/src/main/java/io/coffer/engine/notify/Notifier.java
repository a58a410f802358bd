package io.coffer.engine.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.coffer.engine.config.AgentSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices: runs the configured command ({@code /bin/sh -c}, the notice as JSON on its
 * standard input and its event in {@code COFFER_NOTICE_EVENT}) and POSTs the notice to the
 * configured webhook. Each is given a deadline; any failure is logged with the reason and never
 * thrown, because a job's result must not depend on a chat server.
 */
public final class Notifier {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  private final Optional<String> command;
  private final Optional<URI> webhook;
  private final boolean onSuccess;
  private final HttpClient http;

  public Notifier(AgentSettings settings) {
    this.command = settings.notifyCommand();
    this.webhook = settings.notifyWebhook();
    this.onSuccess = settings.notifyOnSuccess();
    this.http = webhook.isPresent() ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build() : null;
  }

  /** Whether a job that ended in {@code state} is worth a notice. */
  public boolean wants(String state) {
    return (command.isPresent() || webhook.isPresent()) && (onSuccess || !"SUCCEEDED".equals(state));
  }

  /** Delivers the notice to every configured target; returns the targets that failed, for the log and tests. */
  public List<String> send(Notice notice) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(notice);
    } catch (IOException e) {
      LOG.warn("notice of job {} not sent: {}", notice.job(), e.getMessage());
      return List.of("encoding");
    }
    List<String> failed = new java.util.ArrayList<>();
    command.ifPresent(c -> {
      if (!run(c, notice, body)) {
        failed.add("command");
      }
    });
    webhook.ifPresent(url -> {
      if (!post(url, notice, body)) {
        failed.add("webhook");
      }
    });
    return failed;
  }

  private boolean run(String command, Notice notice, byte[] body) {
    try {
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("COFFER_NOTICE_EVENT", notice.event());
      builder.environment().put("COFFER_NOTICE_ADDRESSES", String.join(",", notice.addresses()));
      Process process = builder.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(body);
      } catch (IOException ignored) {
        // A command that does not read its input may close it early; its exit status tells.
      }
      if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        LOG.warn("notice of job {}: the notify command did not end within {} s and was killed", notice.job(),
            DEADLINE.toSeconds());
        return false;
      }
      if (process.exitValue() != 0) {
        LOG.warn("notice of job {}: the notify command exited with status {}", notice.job(), process.exitValue());
        return false;
      }
      return true;
    } catch (IOException e) {
      LOG.warn("notice of job {}: the notify command could not run: {}", notice.job(), e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean post(URI url, Notice notice, byte[] body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(DEADLINE).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        LOG.warn("notice of job {}: the webhook {} answered HTTP {}", notice.job(), host(url), response.statusCode());
        return false;
      }
      return true;
    } catch (IOException e) {
      LOG.warn("notice of job {}: the webhook {} could not be reached: {}", notice.job(), host(url), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The webhook without its path, which may carry a token. */
  private static String host(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
