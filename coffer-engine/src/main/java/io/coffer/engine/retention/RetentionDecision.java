package io.coffer.engine.retention;

import io.coffer.catalog.backup.BackupStatus;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.RetentionCandidate;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which backups of one owner go, and why: a pure function of the backups, the owner's rules and the
 * time, so that it can be tested over many random histories and a dry run says exactly what a real
 * run does.
 *
 * <p>A SUCCEEDED backup goes when it is older than the owner's retention period (or past its own
 * expire, which replaces the period) and none of these keeps it: being among the newest {@code
 * redundancy} SUCCEEDED backups; being the newest of one of the newest N days, ISO weeks, months or
 * years that have a backup (keep-daily/weekly/monthly/yearly, in UTC, as restic counts them); a
 * backup outside the owner building on it; a restore definition waiting to restore it. A kept level
 * 1–9 backup keeps the backup it builds on, and so on down to its level 0. The last SUCCEEDED
 * backup of an ACTIVE definition always stays. Failed and aborted runs go when older than the
 * period and protect nothing: they count toward no redundancy and no bucket.
 *
 * <p>{@code force} lifts the protections that stand between a user and a deliberate cleanup —
 * redundancy, the last SUCCEEDED backup, waiting restore definitions (removed with their backup) —
 * but never the period, the keep counts or a kept backup's chain.
 */
public final class RetentionDecision {

  private RetentionDecision() {}

  /** The verdicts on {@code backups}, newest first. */
  public static List<Verdict> decide(RetentionOwner owner, List<RetentionCandidate> backups, Instant now,
      boolean force) {
    List<RetentionCandidate> newestFirst = new ArrayList<>(backups);
    newestFirst.sort(Comparator.comparing(RetentionCandidate::startedAt).thenComparing(RetentionCandidate::id)
        .reversed());
    List<RetentionCandidate> succeeded = newestFirst.stream().filter(b -> b.status() == BackupStatus.SUCCEEDED)
        .toList();
    Map<Long, String> buckets = buckets(succeeded, owner.keep());
    Map<Long, Verdict> verdicts = new LinkedHashMap<>();
    int rank = 0;
    for (RetentionCandidate b : newestFirst) {
      boolean isSucceeded = b.status() == BackupStatus.SUCCEEDED;
      verdicts.put(b.id(), weigh(owner, b, now, force, isSucceeded && rank < owner.redundancy(), buckets.get(b.id())));
      if (isSucceeded) {
        rank++;
      }
    }
    keepChains(verdicts);
    if (owner.active() && !force && !succeeded.isEmpty()
        && succeeded.stream().allMatch(b -> verdicts.get(b.id()).goes())) {
      RetentionCandidate last = succeeded.get(0);
      verdicts.put(last.id(), new Verdict(last, false, "the last SUCCEEDED backup of ACTIVE " + owner));
      keepChains(verdicts);
    }
    return List.copyOf(verdicts.values());
  }

  private static Verdict weigh(RetentionOwner owner, RetentionCandidate b, Instant now, boolean force,
      boolean amongNewest, String bucket) {
    if (b.status() == BackupStatus.RUNNING || b.finishedAt() == null) {
      return new Verdict(b, false, "RUNNING");
    }
    Instant expiry = expiry(owner, b);
    String age = age(owner, b);
    if (expiry == null) {
      return new Verdict(b, false, "no expire: kept until deleted by hand");
    }
    boolean expired = !now.isBefore(expiry);
    if (b.status() != BackupStatus.SUCCEEDED) {
      return expired ? new Verdict(b, true, b.status() + " run " + age)
          : new Verdict(b, false, b.status() + " run not yet " + age);
    }
    if (!expired) {
      return new Verdict(b, false, "not yet " + age);
    }
    if (amongNewest && !force) {
      return new Verdict(b, false, "among the newest " + owner.redundancy());
    }
    if (bucket != null) {
      return new Verdict(b, false, bucket);
    }
    if (!b.outsideChildren().isEmpty()) {
      return new Verdict(b, false, plural("backup", b.outsideChildren()) + " from outside " + owner
          + " build on it");
    }
    if (!b.waitingRestores().isEmpty() && !force) {
      return new Verdict(b, false, plural("restore definition", b.waitingRestores())
          + " waiting to restore it (force removes them with it)");
    }
    String reason = age;
    if (owner.redundancy() > 0) {
      reason += force ? " (force: the newest " + owner.redundancy() + " not protected)"
          : " and beyond the newest " + owner.redundancy();
    }
    if (!b.waitingRestores().isEmpty()) {
      reason += "; with " + plural("restore definition", b.waitingRestores());
    }
    return new Verdict(b, true, reason);
  }

  /** When the backup leaves its period or its own expire; null when neither applies. */
  static Instant expiry(RetentionOwner owner, RetentionCandidate b) {
    if (b.expire().isPresent()) {
      return b.expire().get().after(b.finishedAt());
    }
    return owner.period() == null ? null : owner.period().after(b.finishedAt());
  }

  private static String age(RetentionOwner owner, RetentionCandidate b) {
    return b.expire().map(e -> "past its own expire " + e).orElseGet(() -> "older than " + owner.period());
  }

  /**
   * A kept backup keeps what it builds on, down its chain. A running incremental counts; a failed
   * one does not, since nothing will ever restore it.
   */
  private static void keepChains(Map<Long, Verdict> verdicts) {
    Deque<Verdict> kept = verdicts.values().stream()
        .filter(v -> !v.goes() && v.backup().status() != BackupStatus.FAILED
            && v.backup().status() != BackupStatus.ABORTED)
        .collect(Collectors.toCollection(ArrayDeque::new));
    while (!kept.isEmpty()) {
      RetentionCandidate child = kept.pop().backup();
      Verdict parent = child.parentId() == null ? null : verdicts.get(child.parentId());
      if (parent != null && parent.goes()) {
        Verdict keep = new Verdict(parent.backup(), false, "level " + child.level() + " backup " + child.id()
            + " builds on it");
        verdicts.put(parent.backup().id(), keep);
        kept.push(keep);
      }
    }
  }

  /** The kinds of bucket keep-daily/weekly/monthly/yearly count, each with its bucket of a time. */
  enum Bucket {
    DAILY("keep-daily", t -> t.toLocalDate().toString()),
    WEEKLY("keep-weekly", t -> {
      int week = t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      return t.get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
    }),
    MONTHLY("keep-monthly", t -> YearMonth.from(t).toString()),
    YEARLY("keep-yearly", t -> Integer.toString(t.getYear()));

    final String option;
    private final Function<ZonedDateTime, String> key;

    Bucket(String option, Function<ZonedDateTime, String> key) {
      this.option = option;
      this.key = key;
    }

    String of(Instant time) {
      return key.apply(time.atZone(ZoneOffset.UTC));
    }

    int count(KeepPolicy keep) {
      return switch (this) {
        case DAILY -> keep.daily();
        case WEEKLY -> keep.weekly();
        case MONTHLY -> keep.monthly();
        case YEARLY -> keep.yearly();
      };
    }
  }

  /**
   * The backups a keep count holds, with the first reason: walking newest first, a backup is the
   * newest of its bucket when its bucket differs from the previous backup's; each kind keeps the
   * newest of its first N buckets.
   */
  private static Map<Long, String> buckets(List<RetentionCandidate> succeededNewestFirst, KeepPolicy keep) {
    Map<Long, String> kept = new HashMap<>();
    Map<Bucket, String> last = new EnumMap<>(Bucket.class);
    Map<Bucket, Integer> used = new EnumMap<>(Bucket.class);
    for (RetentionCandidate b : succeededNewestFirst) {
      for (Bucket bucket : Bucket.values()) {
        String key = bucket.of(b.startedAt());
        int n = used.getOrDefault(bucket, 0);
        if (n < bucket.count(keep) && !key.equals(last.get(bucket))) {
          used.put(bucket, n + 1);
          kept.putIfAbsent(b.id(), bucket.option + ": the newest of " + key);
        }
        last.put(bucket, key);
      }
    }
    return kept;
  }

  private static String plural(String noun, List<Long> ids) {
    return (ids.size() == 1 ? noun + " " : noun + "s ") + ids.stream().limit(5).map(String::valueOf)
        .collect(Collectors.joining(", ")) + (ids.size() > 5 ? " … (" + ids.size() + " in all)" : "");
  }
}
