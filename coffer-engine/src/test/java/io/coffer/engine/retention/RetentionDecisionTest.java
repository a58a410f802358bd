package io.coffer.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.retention.Expire;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.RetentionCandidate;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.engine.retention.RetentionDecision.Bucket;
import io.coffer.testing.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The retention decision over random histories: every verdict is checked against the rules,
 * computed here a second, simpler way. Each history comes from its own seed, drawn from the run's
 * seed ({@link Seeds}); a failure prints both.
 */
class RetentionDecisionTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final int HISTORIES = 2000;

  @Test
  void randomHistories_keepWhatTheRulesKeep_andRemoveTheRest() {
    Random seeds = Seeds.random("RetentionDecisionTest histories");
    for (int i = 0; i < HISTORIES; i++) {
      check(seeds.nextLong());
    }
  }

  @Test
  void reasons_sayWhichRuleDecided() {
    RetentionOwner owner = new RetentionOwner(RetentionOwner.Type.DEFINITION, 3, RetentionPeriod.parse("7 days"), 2,
        KeepPolicy.NONE, true);
    List<RetentionCandidate> backups = List.of(
        backup(4, BackupStatus.SUCCEEDED, 0, null, days(1), null),
        backup(3, BackupStatus.FAILED, 0, null, days(9), null),
        backup(2, BackupStatus.SUCCEEDED, 0, null, days(10), null),
        backup(1, BackupStatus.SUCCEEDED, 0, null, days(11), null));
    Map<Long, Verdict> v = byId(RetentionDecision.decide(owner, backups, NOW, false));
    assertThat(v.get(4L)).extracting(Verdict::goes, Verdict::reason).containsExactly(false, "not yet older than 7 days");
    assertThat(v.get(3L)).extracting(Verdict::goes, Verdict::reason).containsExactly(true, "FAILED run older than 7 days");
    assertThat(v.get(2L)).extracting(Verdict::goes, Verdict::reason).containsExactly(false, "among the newest 2");
    assertThat(v.get(1L)).extracting(Verdict::goes, Verdict::reason)
        .containsExactly(true, "older than 7 days and beyond the newest 2");
  }

  @Test
  void ownExpire_replacesThePeriod_bothWays() {
    RetentionOwner owner = new RetentionOwner(RetentionOwner.Type.DEFINITION, 3, RetentionPeriod.parse("7 days"), 1,
        KeepPolicy.NONE, true);
    List<RetentionCandidate> backups = List.of(
        backup(3, BackupStatus.SUCCEEDED, 0, null, days(0), null),
        backup(2, BackupStatus.SUCCEEDED, 0, null, days(2), "1d"),
        backup(1, BackupStatus.SUCCEEDED, 0, null, days(20), "30d"));
    Map<Long, Verdict> v = byId(RetentionDecision.decide(owner, backups, NOW, false));
    assertThat(v.get(2L).reason()).isEqualTo("past its own expire 1d and beyond the newest 1");
    assertThat(v.get(1L).reason()).isEqualTo("not yet past its own expire 30d");
  }

  @Test
  void keptIncremental_keepsItsChainDownToLevelZero_failedOneDoesNot() {
    RetentionOwner owner = new RetentionOwner(RetentionOwner.Type.DEFINITION, 3, RetentionPeriod.parse("7 days"), 1,
        KeepPolicy.NONE, true);
    List<RetentionCandidate> backups = List.of(
        backup(5, BackupStatus.FAILED, 1, 1L, days(1), null),
        backup(4, BackupStatus.SUCCEEDED, 2, 3L, days(2), null),
        backup(3, BackupStatus.SUCCEEDED, 1, 1L, days(20), null),
        backup(2, BackupStatus.SUCCEEDED, 0, null, days(21), null),
        backup(1, BackupStatus.SUCCEEDED, 0, null, days(30), null));
    Map<Long, Verdict> v = byId(RetentionDecision.decide(owner, backups, NOW, false));
    assertThat(v.get(3L).reason()).isEqualTo("level 2 backup 4 builds on it");
    assertThat(v.get(1L).reason()).isEqualTo("level 1 backup 3 builds on it");
    assertThat(v.get(2L).goes()).isTrue();
  }

  @Test
  void force_liftsRedundancyAndWaitingRestores_notTheKeepCounts() {
    RetentionOwner owner = new RetentionOwner(RetentionOwner.Type.DEFINITION, 3, RetentionPeriod.parse("7 days"), 2,
        new KeepPolicy(0, 0, 2, 0), true);
    List<RetentionCandidate> backups = List.of(
        new RetentionCandidate(3, "v", "m3", BackupStatus.SUCCEEDED, 0, null, days(8), days(8), Optional.empty(),
            List.of(7L), List.of()),
        backup(2, BackupStatus.SUCCEEDED, 0, null, days(9), null),
        backup(1, BackupStatus.SUCCEEDED, 0, null, days(40), null));
    Map<Long, Verdict> normal = byId(RetentionDecision.decide(owner, backups, NOW, false));
    assertThat(normal.values()).noneMatch(Verdict::goes);
    Map<Long, Verdict> forced = byId(RetentionDecision.decide(owner, backups, NOW, true));
    assertThat(forced.get(3L).reason()).isEqualTo("keep-monthly: the newest of 2026-05");
    assertThat(forced.get(2L)).extracting(Verdict::goes, Verdict::reason)
        .containsExactly(true, "older than 7 days (force: the newest 2 not protected)");
    assertThat(forced.get(1L).reason()).isEqualTo("keep-monthly: the newest of 2026-04");
  }

  @Test
  void lastSucceededOfAnActiveDefinition_goesOnlyWithForce() {
    RetentionOwner owner = new RetentionOwner(RetentionOwner.Type.DEFINITION, 3, RetentionPeriod.parse("1 day"), 1,
        KeepPolicy.NONE, true);
    List<RetentionCandidate> backups = List.of(
        backup(2, BackupStatus.FAILED, 0, null, days(1), null),
        backup(1, BackupStatus.SUCCEEDED, 0, null, days(5), null));
    assertThat(byId(RetentionDecision.decide(owner, backups, NOW, false)).get(1L).goes()).isFalse();
    assertThat(byId(RetentionDecision.decide(owner, backups, NOW, true)).get(1L).goes()).isTrue();
  }

  @Test
  void oneoff_goesByItsOwnPeriod_evenIfItIsTheOnlyBackup() {
    RetentionOwner owner = new RetentionOwner(RetentionOwner.Type.ONEOFF, 4, RetentionPeriod.parse("2 days"), 0,
        KeepPolicy.NONE, false);
    List<Verdict> v = RetentionDecision.decide(owner, List.of(backup(1, BackupStatus.SUCCEEDED, 0, null, days(3), null)),
        NOW, false);
    assertThat(v).singleElement().extracting(Verdict::goes, Verdict::reason).containsExactly(true, "older than 2 days");
  }

  // ---- the random histories ----

  private static void check(long seed) {
    Random random = new Random(seed);
    RetentionOwner owner = owner(random);
    List<RetentionCandidate> history = history(random, owner);
    boolean force = random.nextInt(5) == 0;
    Instant now = NOW.plus(Duration.ofHours(random.nextInt(24 * 30)));
    String context = "history seed " + seed + " (replay the run: -D" + Seeds.PROPERTY + "=" + Seeds.run() + "), "
        + owner + " period "
        + owner.period() + " redundancy " + owner.redundancy() + " keep " + owner.keep() + " active "
        + owner.active() + " force " + force + " now " + now + ", " + history.size() + " backups";
    List<Verdict> verdicts = RetentionDecision.decide(owner, history, now, force);
    Map<Long, Verdict> v = byId(verdicts);
    assertThat(v.keySet()).as(context).containsExactlyInAnyOrderElementsOf(history.stream().map(RetentionCandidate::id)
        .toList());

    List<RetentionCandidate> succeeded = history.stream().filter(b -> b.status() == BackupStatus.SUCCEEDED)
        .sorted(newestFirst()).toList();
    Map<Long, String> held = new HashMap<>();
    if (!force) {
      succeeded.stream().limit(owner.redundancy()).forEach(b -> held.put(b.id(), "redundancy"));
    }
    for (Bucket bucket : Bucket.values()) {
      int n = bucket.count(owner.keep());
      TreeMap<String, RetentionCandidate> newestPerBucket = new TreeMap<>(Comparator.reverseOrder());
      for (RetentionCandidate b : succeeded) {
        newestPerBucket.putIfAbsent(bucket.of(b.startedAt()), b);
      }
      newestPerBucket.values().stream().limit(n).forEach(b -> held.put(b.id(), bucket.option));
    }
    for (RetentionCandidate b : history) {
      Verdict verdict = v.get(b.id());
      Supplier<String> what = () -> context + ": backup " + b.id() + " " + b.status() + " level " + b.level()
          + " started " + b.startedAt() + " expire " + b.expire().map(Expire::toString).orElse("-") + " verdict "
          + verdict;
      boolean expired = b.finishedAt() != null && !now.isBefore(expiry(owner, b));
      boolean pinned = !b.outsideChildren().isEmpty() || (!force && !b.waitingRestores().isEmpty());
      if (b.status() == BackupStatus.RUNNING) {
        require(!verdict.goes(), what);
      } else if (b.status() != BackupStatus.SUCCEEDED) {
        require(verdict.goes() == expired, () -> "failed runs go exactly when expired: " + what.get());
      } else {
        if (verdict.goes()) {
          require(expired, () -> "only expired backups go: " + what.get());
          require(!held.containsKey(b.id()), () -> "redundancy and keep counts hold: " + what.get());
          require(!pinned, () -> "what depends on a backup keeps it: " + what.get());
        } else {
          boolean parentOfKept = history.stream().anyMatch(c -> Long.valueOf(b.id()).equals(c.parentId())
              && (c.status() == BackupStatus.SUCCEEDED || c.status() == BackupStatus.RUNNING)
              && !v.get(c.id()).goes());
          boolean lastOfActive = owner.active() && !force && b.id() == succeeded.get(0).id();
          require(!expired || held.containsKey(b.id()) || pinned || parentOfKept || lastOfActive,
              () -> "nothing stays without a rule that keeps it: " + what.get());
        }
      }
      if (!verdict.goes() && b.parentId() != null && v.containsKey(b.parentId())
          && (b.status() == BackupStatus.SUCCEEDED || b.status() == BackupStatus.RUNNING)) {
        require(!v.get(b.parentId()).goes(), () -> "a kept incremental keeps what it builds on: " + what.get());
      }
    }
    if (owner.active() && !force && !succeeded.isEmpty()) {
      assertThat(succeeded).as("an ACTIVE definition keeps a SUCCEEDED backup: " + context)
          .anyMatch(b -> !v.get(b.id()).goes());
    }
    if (owner.type() == RetentionOwner.Type.DEFINITION && !force && succeeded.size() == 1) {
      assertThat(v.get(succeeded.get(0).id()).goes()).as("the only SUCCEEDED backup stays: " + context).isFalse();
    }
  }

  private static void require(boolean holds, Supplier<String> message) {
    if (!holds) {
      throw new AssertionError(message.get());
    }
  }

  private static RetentionOwner owner(Random random) {
    String[] periods = {"1 day", "7 days", "2 weeks", "1 month", "3 months", "1 year"};
    RetentionPeriod period = RetentionPeriod.parse(periods[random.nextInt(periods.length)]);
    return switch (random.nextInt(10)) {
      case 0 -> RetentionOwner.byHand();
      case 1 -> new RetentionOwner(RetentionOwner.Type.ONEOFF, 1, period, 0, KeepPolicy.NONE, false);
      default -> new RetentionOwner(RetentionOwner.Type.DEFINITION, 1, period, 1 + random.nextInt(4),
          random.nextBoolean() ? KeepPolicy.NONE : new KeepPolicy(count(random), count(random), count(random),
              count(random)), random.nextInt(4) != 0);
    };
  }

  private static int count(Random random) {
    return random.nextInt(3) == 0 ? 0 : random.nextInt(8);
  }

  /** Backups oldest to newest, levels 0–3 each on the newest SUCCEEDED lower level, as the engine plans them. */
  private static List<RetentionCandidate> history(Random random, RetentionOwner owner) {
    String[] expires = {"1d", "3d", "1w", "2w 3d", "30d", "1y"};
    int n = random.nextInt(60);
    Instant t = NOW.minus(Duration.ofDays(random.nextInt(800)));
    List<RetentionCandidate> out = new ArrayList<>();
    for (int i = 1; i <= n && t.isBefore(NOW); i++) {
      boolean newest = i == n;
      BackupStatus status = newest && random.nextInt(10) == 0 ? BackupStatus.RUNNING
          : switch (random.nextInt(20)) {
            case 0, 1, 2 -> BackupStatus.FAILED;
            case 3 -> BackupStatus.ABORTED;
            default -> BackupStatus.SUCCEEDED;
          };
      int level = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
      Long parent = null;
      if (level > 0) {
        int wanted = level;
        parent = out.stream().filter(b -> b.status() == BackupStatus.SUCCEEDED && b.level() < wanted)
            .max(Comparator.comparing(RetentionCandidate::startedAt)).map(RetentionCandidate::id).orElse(null);
        level = parent == null ? 0 : level;
      }
      boolean ownExpire = owner.type() == RetentionOwner.Type.BY_HAND || random.nextInt(7) == 0;
      Optional<Expire> expire = ownExpire ? Optional.of(Expire.parse(expires[random.nextInt(expires.length)]))
          : Optional.empty();
      Instant finished = status == BackupStatus.RUNNING ? null : t.plus(Duration.ofMinutes(1 + random.nextInt(120)));
      List<Long> restores = random.nextInt(25) == 0 ? List.of(100L + i) : List.of();
      List<Long> children = random.nextInt(40) == 0 ? List.of(1000L + i) : List.of();
      out.add(new RetentionCandidate(i, "v", status == BackupStatus.SUCCEEDED ? "m" + i : null, status, level, parent,
          t, finished, expire, restores, children));
      t = t.plus(gap(random));
    }
    List<RetentionCandidate> shuffled = new ArrayList<>(out);
    java.util.Collections.shuffle(shuffled, random);
    return shuffled;
  }

  /** Mostly daily, sometimes several a day, sometimes weeks apart. */
  private static Duration gap(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> Duration.ofMinutes(10 + random.nextInt(600));
      case 1 -> Duration.ofDays(7 + random.nextInt(40));
      default -> Duration.ofHours(20 + random.nextInt(8));
    };
  }

  private static Instant expiry(RetentionOwner owner, RetentionCandidate b) {
    return b.expire().isPresent() ? b.expire().get().after(b.finishedAt())
        : owner.period().after(b.finishedAt());
  }

  private static Comparator<RetentionCandidate> newestFirst() {
    return Comparator.comparing(RetentionCandidate::startedAt).thenComparing(RetentionCandidate::id).reversed();
  }

  private static Map<Long, Verdict> byId(List<Verdict> verdicts) {
    return verdicts.stream().collect(Collectors.toMap(x -> x.backup().id(), Function.identity()));
  }

  private static Instant days(int ago) {
    return NOW.minus(Duration.ofDays(ago));
  }

  private static RetentionCandidate backup(long id, BackupStatus status, int level, Long parent, Instant started,
      String expire) {
    return new RetentionCandidate(id, "v", status == BackupStatus.SUCCEEDED ? "m" + id : null, status, level, parent,
        started, started.plusSeconds(60), expire == null ? Optional.empty() : Optional.of(Expire.parse(expire)),
        List.of(), List.of());
  }
}
