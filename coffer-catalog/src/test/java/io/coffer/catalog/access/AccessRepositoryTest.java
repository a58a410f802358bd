package io.coffer.catalog.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.history.ActingUser;
import io.coffer.catalog.history.HistoryEntry;
import io.coffer.catalog.testing.CatalogTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class AccessRepositoryTest extends CatalogTestBase {

  @Test
  void users_areAddedListedChangedAndRemovedWithTheirTokens() {
    User alice = catalog.users().add("alice", Role.OPERATOR, "$argon2id$hash1");
    catalog.users().add("bob", Role.VIEWER, "$argon2id$hash2");
    ApiToken token = catalog.tokens().add("alice", "ci", "abc123", null);

    assertThat(catalog.users().list()).extracting(User::name).containsExactly("alice", "bob");
    assertThat(catalog.users().setRole("alice", Role.ADMIN).role()).isEqualTo(Role.ADMIN);
    assertThat(catalog.users().setPassword("alice", "$argon2id$hash3").passwordHash()).isEqualTo("$argon2id$hash3");
    assertThat(catalog.tokens().findByHash("abc123")).get().extracting(ApiToken::user).isEqualTo("alice");

    catalog.users().remove(Long.toString(alice.id()));

    assertThat(catalog.users().find("alice")).isEmpty();
    assertThat(catalog.tokens().findByHash("abc123")).isEmpty();
    assertThat(catalog.tokens().list(null)).extracting(ApiToken::id).doesNotContain(token.id());
  }

  @Test
  void add_refusesADuplicateOrBadName_andTheHistoryNeverHoldsTheHash() {
    catalog.users().add("alice", Role.VIEWER, "$argon2id$secret-hash");

    refused("user", "alice", () -> catalog.users().add("alice", Role.ADMIN, "x"));
    refused("user", "12", () -> catalog.users().add("12", Role.ADMIN, "x"));

    assertThat(catalog.history().list(null, 10)).extracting(HistoryEntry::detail, HistoryEntry::result)
        .allSatisfy(t -> assertThat(t.toString()).doesNotContain("secret-hash"));
  }

  @Test
  void tokens_expireAndAreRevoked_andBadOnesAreRefused() {
    catalog.users().add("alice", Role.VIEWER, "h");
    Instant now = Instant.now();
    ApiToken lasting = catalog.tokens().add("alice", "laptop", "h1", now.plus(1, ChronoUnit.DAYS));

    assertThat(lasting.valid(now)).isTrue();
    assertThat(lasting.valid(now.plus(2, ChronoUnit.DAYS))).isFalse();
    assertThat(lasting.state(now.plus(2, ChronoUnit.DAYS))).isEqualTo("expired");

    ApiToken revoked = catalog.tokens().revoke(lasting.id());
    assertThat(revoked.valid(now)).isFalse();
    assertThat(revoked.state(now)).isEqualTo("revoked");

    Instant past = now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    refused("expires", past.toString(), () -> catalog.tokens().add("alice", "old", "h2", past));
    refused("name", " ", () -> catalog.tokens().add("alice", " ", "h3", null));
    refused("user", "carol", () -> catalog.tokens().add("carol", "x", "h4", null));
    refused("token", "99999", () -> catalog.tokens().revoke(99999));
  }

  @Test
  void aChangeMadeForAnApiUser_isRecordedUnderThatUser() {
    ActingUser.as("api:alice", () -> catalog.users().add("bob", Role.VIEWER, "h"));

    assertThat(catalog.history().list(null, 1).get(0).actor()).isEqualTo("api:alice");
    assertThat(ActingUser.current()).isEmpty();
  }
}
