package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.access.Role;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that keeps failing to log in must wait, whatever credentials it sends next. */
class BackoffTest {

  @TempDir static Path home;
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture(home, s -> s.backoff(3, Duration.ofMinutes(5)));
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void afterThreeFailures_theClientGets429WithRetryAfter_evenWithGoodCredentials() {
    assertThat(fixture.get(Role.VIEWER, "/api/v1/agents").statusCode()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> wrong = fixture.send("GET", "/api/v1/agents",
          ServerFixture.basic("viewer", "guess number " + i), null);
      assertThat(wrong.statusCode()).as("attempt " + i).isEqualTo(401);
    }

    HttpResponse<String> blocked = fixture.get(Role.ADMIN, "/api/v1/agents");

    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(
        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 300L));
    assertThat(blocked.body()).contains("too many failed logins");
    assertThat(fixture.send("GET", "/api/v1/health", null, null).statusCode()).isEqualTo(200);
  }
}
