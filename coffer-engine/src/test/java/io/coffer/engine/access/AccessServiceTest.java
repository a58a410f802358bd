package io.coffer.engine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.access.ApiToken;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.history.HistoryEntry;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.agent.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessServiceTest {

  @TempDir Path dir;

  @Test
  void login_acceptsTheRightPasswordOnly_andForgetsACachedLoginWhenThePasswordChanges() throws Exception {
    try (Coffer coffer = new TestHome(dir).open()) {
      AccessService access = coffer.access();
      access.addUser("alice", Role.OPERATOR, "correct horse battery".toCharArray());

      assertThat(access.login("alice", "correct horse battery".toCharArray()))
          .get().isEqualTo(new Principal("alice", Role.OPERATOR, "password"));
      assertThat(access.login("alice", "correct horse battery".toCharArray())).isPresent();
      assertThat(access.login("alice", "wrong horse battery".toCharArray())).isEmpty();
      assertThat(access.login("mallory", "correct horse battery".toCharArray())).isEmpty();

      access.changePassword("alice", "another long password".toCharArray());

      assertThat(access.login("alice", "correct horse battery".toCharArray())).isEmpty();
      assertThat(access.login("alice", "another long password".toCharArray())).isPresent();
      assertThat(coffer.catalog().users().show("alice").passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
          .doesNotContain("another long password");
    }
  }

  @Test
  void tokens_areShownOnceStoredHashedAndStopWorkingWhenRevokedOrExpired() throws Exception {
    try (Coffer coffer = new TestHome(dir).open()) {
      AccessService access = coffer.access();
      access.addUser("ci", Role.VIEWER, "a long enough password".toCharArray());
      IssuedToken issued = access.createToken("ci", "pipeline", "30d");

      assertThat(issued.secret()).startsWith("coffer_").hasSize(50);
      assertThat(access.tokens("ci")).singleElement().extracting(ApiToken::hash)
          .isNotEqualTo(issued.secret()).isEqualTo(Tokens.hash(issued.secret()));
      assertThat(access.authenticate(issued.secret())).get().extracting(Principal::user, Principal::role)
          .containsExactly("ci", Role.VIEWER);
      assertThat(access.authenticate(issued.secret().substring(0, 49) + "x")).isEmpty();
      assertThat(access.authenticate("not a token")).isEmpty();

      access.revokeToken(issued.stored().id());

      assertThat(access.authenticate(issued.secret())).isEmpty();
      assertThatThrownBy(() -> access.createToken("ci", "x", "soon"))
          .isInstanceOf(CatalogValidationException.class).hasMessageStartingWith("expire \"soon\" is not valid");
      assertThat(coffer.catalog().history().list(null, 50)).extracting(HistoryEntry::toString)
          .noneMatch(entry -> entry.contains(issued.secret()));
    }
  }

  /** A polling client is not two catalog lookups per request; a revocation elsewhere still ends it within seconds. */
  @Test
  void aTokenFoundValid_isRemembered_untilItsRevocationHereOrTheCacheLifetimeOrItsExpiry() throws Exception {
    try (Coffer coffer = new TestHome(dir).open()) {
      // The catalog checks an expiry against the real time: the test clock starts there.
      TestClock clock = new TestClock(Instant.now());
      AccessService server = new AccessService(coffer.catalogLink(), clock);
      AccessService elsewhere = new AccessService(coffer.catalogLink(), clock);
      server.addUser("ci", Role.VIEWER, "a long enough password".toCharArray());
      IssuedToken polling = server.createToken("ci", "poller", null);
      IssuedToken revokedHere = server.createToken("ci", "other", null);
      IssuedToken shortLived = server.createToken("ci", "short", "1m");
      assertThat(server.authenticate(polling.secret())).isPresent();
      assertThat(server.authenticate(revokedHere.secret())).isPresent();
      assertThat(server.authenticate(shortLived.secret())).isPresent();

      elsewhere.revokeToken(polling.stored().id());
      server.revokeToken(revokedHere.stored().id());

      assertThat(server.authenticate(revokedHere.secret())).as("revoked through this service: at once").isEmpty();
      assertThat(server.authenticate(polling.secret())).as("revoked by another process: within the lifetime")
          .isPresent();
      clock.set(clock.instant().plus(AccessService.TOKEN_CACHE_LIFETIME));
      assertThat(server.authenticate(polling.secret())).isEmpty();

      clock.set(clock.instant().plus(Duration.ofSeconds(55)));
      assertThat(server.authenticate(shortLived.secret())).as("never beyond the token's expiry").isEmpty();
    }
  }

  @Test
  void badPasswords_areRefusedWithoutRepeatingThem_andTheLastAdminStays() throws Exception {
    try (Coffer coffer = new TestHome(dir).open()) {
      AccessService access = coffer.access();

      assertThatThrownBy(() -> access.addUser("bob", Role.ADMIN, "short".toCharArray()))
          .isInstanceOf(CatalogValidationException.class)
          .hasMessage("password (value hidden) is not valid; accepted: at least 12 characters");
      access.addUser("root", Role.ADMIN, "a long enough password".toCharArray());
      access.addUser("bob", Role.VIEWER, "a long enough password".toCharArray());

      assertThatThrownBy(() -> access.removeUser("root")).isInstanceOf(CatalogValidationException.class)
          .hasMessageContaining("last admin");
      access.removeUser("bob");
      access.removeUser("root");
      assertThat(access.users()).isEmpty();
    }
  }

  @Test
  void changesMadeForAPrincipal_areRecordedUnderItsName() throws Exception {
    try (Coffer coffer = new TestHome(dir).open()) {
      Principal alice = new Principal("alice", Role.ADMIN, "password");

      coffer.access().actingAs(alice, () -> coffer.access().addUser("bob", Role.VIEWER,
          "a long enough password".toCharArray()));

      assertThat(coffer.catalog().history().list(null, 1).get(0).actor()).isEqualTo("api:alice");
    }
  }
}
