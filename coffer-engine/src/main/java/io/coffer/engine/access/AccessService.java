package io.coffer.engine.access;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.access.ApiToken;
import io.coffer.catalog.access.Role;
import io.coffer.catalog.access.User;
import io.coffer.catalog.history.ActingUser;
import io.coffer.catalog.retention.Expire;
import io.coffer.engine.CatalogLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Users and API tokens of the administration API, and logging in with them.
 *
 * <p>A login by password costs one Argon2id hash (about 0.1 s); a user name that does not exist
 * costs the same, against a hash made once for the purpose, so the time of a refusal does not tell
 * which names exist. Recent successful logins are remembered ({@link LoginCache}). Tokens are found
 * by their SHA-256, and tokens found valid are remembered for seconds ({@link TokenCache}). Secrets never reach a log, a message or the history.
 *
 * <p>Thread-safe.
 */
public final class AccessService {

  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  /** Shorter passwords are refused: the API may face a network. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private final CatalogLink link;
  private final Clock clock;
  private final PasswordHash hashing;
  private final LoginCache logins = new LoginCache(Duration.ofMinutes(5));
  /** How long a token found valid is taken as valid without asking the catalog again. */
  static final Duration TOKEN_CACHE_LIFETIME = Duration.ofSeconds(10);
  private final TokenCache tokens = new TokenCache(TOKEN_CACHE_LIFETIME);
  /** When each token's last use was written: at most once a minute, not a catalog write per request. */
  private final java.util.Map<Long, Instant> touched = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile String decoy;

  public AccessService(CatalogLink link, Clock clock) {
    this(link, clock, PasswordHash.standard());
  }

  AccessService(CatalogLink link, Clock clock, PasswordHash hashing) {
    this.link = link;
    this.clock = clock;
    this.hashing = hashing;
  }

  public User addUser(String name, Role role, char[] password) {
    requireStrong(password);
    return link.required().users().add(name, role, hashing.hash(password));
  }

  public List<User> users() {
    return link.required().users().list();
  }

  public User user(String reference) {
    return link.required().users().show(reference);
  }

  /** Removes a user and its tokens; the last admin is kept while other users remain, so that someone can manage them. */
  public User removeUser(String reference) {
    User user = link.required().users().show(reference);
    if (user.role() == Role.ADMIN && admins() == 1 && link.required().users().count() > 1) {
      throw new CatalogValidationException("user", reference, "it is the last admin while other users exist",
          "another user; make someone else admin first (coffer user add NAME --role admin)");
    }
    User removed = link.required().users().remove(reference);
    tokens.forgetUser(removed.name());
    return removed;
  }

  public User changePassword(String reference, char[] password) {
    requireStrong(password);
    return link.required().users().setPassword(reference, hashing.hash(password));
  }

  /**
   * Makes a token for a user, valid for {@code expire} ({@code 30d}, {@code 1w 3d}; null for a token
   * that does not expire). The token is in the result only.
   */
  public IssuedToken createToken(String user, String name, String expire) {
    Instant expiresAt = expire == null ? null : Expire.parse(expire).after(clock.instant());
    String secret = Tokens.generate();
    ApiToken stored = link.required().tokens().add(user, name, Tokens.hash(secret), expiresAt);
    return new IssuedToken(stored, secret);
  }

  /** The tokens of a user, or of everyone when {@code user} is null; hashes only. */
  public List<ApiToken> tokens(String user) {
    return link.required().tokens().list(user);
  }

  public ApiToken revokeToken(long id) {
    ApiToken revoked = link.required().tokens().revoke(id);
    tokens.forgetToken(id);
    return revoked;
  }

  /** The user this name and password prove, or empty; never says which of the two was wrong. */
  public Optional<Principal> login(String name, char[] password) {
    Instant now = clock.instant();
    Optional<User> user = name == null || name.isEmpty() ? Optional.empty() : link.required().users().find(name);
    if (user.isEmpty()) {
      PasswordHash.verify(password, decoy());
      return Optional.empty();
    }
    String stored = user.get().passwordHash();
    if (!logins.knows(name, password, stored, now)) {
      if (!PasswordHash.verify(password, stored)) {
        return Optional.empty();
      }
      logins.remember(name, password, stored, now);
    }
    return Optional.of(new Principal(user.get().name(), user.get().role(), "password"));
  }

  /**
   * The user a valid (not expired, not revoked) token acts for, or empty. A token found valid is
   * remembered for {@link #TOKEN_CACHE_LIFETIME} ({@link TokenCache}): a revocation by another
   * process takes effect within that time, one through this service at once.
   */
  public Optional<Principal> authenticate(String token) {
    if (!Tokens.looksLikeToken(token)) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    Instant now = clock.instant();
    Optional<TokenCache.Entry> cached = tokens.find(hash, now);
    if (cached.isPresent()) {
      touch(cached.get().tokenId(), now);
      return Optional.of(cached.get().principal());
    }
    Optional<ApiToken> found = link.required().tokens().findByHash(hash);
    if (found.isEmpty() || !found.get().valid(now)) {
      return Optional.empty();
    }
    ApiToken valid = found.get();
    touch(valid.id(), now);
    User user = link.required().users().show(Long.toString(valid.userId()));
    Principal principal = new Principal(user.name(), user.role(), "token " + valid.id());
    tokens.remember(hash, valid.id(), principal, valid.expiresAt(), now);
    return Optional.of(principal);
  }

  /** Writes a token's last use at most once a minute, not with every request. */
  private void touch(long tokenId, Instant now) {
    Instant last = touched.get(tokenId);
    if (last == null || last.plus(TOUCH_EVERY).isBefore(now)) {
      touched.put(tokenId, now);
      link.required().tokens().touch(tokenId);
    }
  }

  /** Runs {@code work} with the history recording its changes under {@code principal}. */
  public <T> T actingAs(Principal principal, Supplier<T> work) {
    return ActingUser.as(principal.actor(), work);
  }

  private long admins() {
    return link.required().users().list().stream().filter(u -> u.role() == Role.ADMIN).count();
  }

  private String decoy() {
    String d = decoy;
    if (d == null) {
      d = hashing.hash("not a password of anyone".toCharArray());
      decoy = d;
    }
    return d;
  }

  private static void requireStrong(char[] password) {
    if (password == null || password.length < MIN_PASSWORD_LENGTH) {
      throw CatalogValidationException.hidingValue("password", "at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }
}
