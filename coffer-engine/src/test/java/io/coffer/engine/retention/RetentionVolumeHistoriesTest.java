package io.coffer.engine.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.catalog.agent.NewAgent;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupFilter;
import io.coffer.catalog.definition.DatabaseSelector;
import io.coffer.catalog.definition.Definition;
import io.coffer.catalog.definition.LevelPlan;
import io.coffer.catalog.definition.NewDefinition;
import io.coffer.catalog.retention.KeepPolicy;
import io.coffer.catalog.retention.Redundancy;
import io.coffer.catalog.retention.RetentionPeriod;
import io.coffer.engine.Coffer;
import io.coffer.engine.TestHome;
import io.coffer.engine.backup.BackupOrder;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.repo.BackupReader;
import io.coffer.repo.BlobId;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.Volume;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.manifest.Entry;
import io.coffer.source.SourceListener;
import io.coffer.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention carried out on real volumes over random histories of real backups (SQLite, each run
 * after a random share of the data changed): random level plans, periods, redundancy, keep-daily and
 * keep-weekly, random ages. Whatever the history, the kept set holds its rules (nothing young goes,
 * the newest {@code redundancy} stay, a kept incremental keeps what it builds on, the newest backup
 * stays), the prune takes from the volume exactly what the removed backups alone held, every kept
 * backup reads back byte for byte, and {@code check --read-data} is clean. The histories come from
 * the run's seed ({@link Seeds}); a failure prints it.
 */
class RetentionVolumeHistoriesTest {

  private static final int HISTORIES = 3;

  @TempDir Path tmp;

  @Test
  void randomHistories_onRealVolumes_loseExactlyWhatTheRemovedBackupsAloneHeld() throws Exception {
    Random seeds = Seeds.random("RetentionVolumeHistoriesTest");
    int removed = 0;
    // A drawn history may lose nothing (its keep rules or level chains hold every backup); draw on,
    // up to a bound, until one has lost something, so that the prune is always weighed.
    for (int h = 0; h < HISTORIES || (removed == 0 && h < 3 * HISTORIES); h++) {
      removed += history(seeds.nextLong(), Files.createDirectories(tmp.resolve("history-" + h)));
    }
    assertThat(removed).as("the histories lost backups (run seed %d)", Seeds.run()).isPositive();
  }

  /** Makes, ages and weighs one history; returns how many backups it lost. */
  private int history(long seed, Path root) throws Exception {
    Random random = new Random(seed);
    TestHome home = new TestHome(root);
    home.setUp(150_000);
    String[] plans = {"0", "0,1", "0,1,1", "0,1,2"};
    String[] periods = {"3 days", "7 days", "2 weeks"};
    LevelPlan plan = LevelPlan.parse(plans[random.nextInt(plans.length)]);
    RetentionPeriod period = RetentionPeriod.parse(periods[random.nextInt(periods.length)]);
    int redundancy = 1 + random.nextInt(3);
    KeepPolicy keep = random.nextBoolean() ? KeepPolicy.NONE : new KeepPolicy(random.nextInt(3), random.nextInt(2), 0, 0);
    int runs = 4 + random.nextInt(3);
    String context = "history seed " + seed + " (replay the run: -D" + Seeds.PROPERTY + "=" + Seeds.run() + "): plan "
        + plan + ", period " + period + ", redundancy " + redundancy + ", keep " + keep + ", " + runs + " runs";

    List<Backup> backups;
    Definition definition;
    try (Coffer coffer = home.open()) {
      coffer.catalog().agents().add(NewAgent.of("backup01"));
      definition = coffer.catalog().definitions().add(NewDefinition.of("backup01", "shop", "vault",
          DatabaseSelector.of("shop.db")).levels(plan).retention(period).redundancy(new Redundancy(redundancy))
          .keep(keep));
      for (int run = 0; run < runs; run++) {
        SampleDatabase.ofSize(7, 150_000).ship(home.data.resolve("shop.db"), 0.02 + random.nextDouble() * 0.3);
        coffer.backups().run(BackupOrder.ofDefinition(definition.id()), ProgressListener.NONE, SourceListener.NONE);
      }
      backups = new ArrayList<>(coffer.catalog().backups().list(BackupFilter.newest().definition(definition.id())));
      Collections.reverse(backups);
    }
    List<Integer> ages = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ages.add(random.nextInt(40));
    }
    // The oldest is past every period drawn, so that retention has something to weigh.
    ages.set(0, 30 + random.nextInt(10));
    ages.sort(Collections.reverseOrder());
    age(home, backups, ages);
    context += ", ages " + ages + " days";
    try (Coffer coffer = home.open()) {
      backups = new ArrayList<>(coffer.catalog().backups().list(BackupFilter.newest().definition(definition.id())));
      Collections.reverse(backups);
    }

    Map<String, Set<BlobId>> references = new HashMap<>();
    Map<String, String> contents = new HashMap<>();
    try (Volume volume = open(home)) {
      for (Backup b : backups) {
        references.put(b.manifestId(), blobs(volume, b.manifestId()));
        contents.put(b.manifestId(), digest(volume, b.manifestId()));
      }
    }
    Map<BlobId, Integer> before = RetentionServiceTest.indexed(home.volume);

    RetentionReport report;
    List<Backup> kept;
    try (Coffer coffer = home.open()) {
      RetentionOrder order = RetentionOrder.ofDefinition(definition.id()).repackBelow(1.0);
      RetentionReport dry = coffer.retention().apply(order.dryRun(true), ProgressListener.NONE);
      report = coffer.retention().apply(order, ProgressListener.NONE);
      assertThat(report.complete()).as(context).isTrue();
      assertThat(report.removed()).as("the real run removes what the dry run said: " + context)
          .isEqualTo(dry.removed());
      kept = coffer.catalog().backups().list(BackupFilter.newest().definition(definition.id()));
    }
    Set<Long> removed = report.removed().stream().map(RetentionReport.Removed::backup).collect(Collectors.toSet());
    Set<Long> keptIds = kept.stream().map(Backup::id).collect(Collectors.toSet());
    // A history may lose nothing; AssertJ refuses an empty list to look for, so test each kept id.
    assertThat(keptIds).as(context).noneMatch(removed::contains);
    assertThat(keptIds.size() + removed.size()).as("every backup kept or removed: " + context).isEqualTo(runs);

    // The rules, seen from the kept set.
    Instant now = Instant.now();
    for (Backup b : backups) {
      if (removed.contains(b.id())) {
        assertThat(period.after(b.finishedAt())).as("only backups older than the period go: %s, backup %s",
            context, b.id()).isBefore(now);
      }
    }
    List<Backup> newestFirst = new ArrayList<>(backups);
    Collections.reverse(newestFirst);
    assertThat(newestFirst.subList(0, Math.min(redundancy, runs))).extracting(Backup::id)
        .as("the newest %d stay: %s", redundancy, context).allMatch(keptIds::contains);
    for (Backup b : kept) {
      if (b.parentId() != null) {
        assertThat(keptIds).as("kept backup %s builds on %s: %s", b.id(), b.parentId(), context)
            .contains(b.parentId());
      }
    }

    // The volume: exactly what the removed backups alone held is gone; the rest reads back whole.
    Set<BlobId> keptReferences = new HashSet<>();
    kept.forEach(b -> keptReferences.addAll(references.get(b.manifestId())));
    Set<BlobId> aloneHeld = new HashSet<>();
    backups.stream().filter(b -> removed.contains(b.id())).forEach(b -> aloneHeld.addAll(references.get(b.manifestId())));
    aloneHeld.removeAll(keptReferences);
    Map<BlobId, Integer> expected = new HashMap<>(before);
    expected.keySet().removeAll(aloneHeld);
    assertThat(RetentionServiceTest.indexed(home.volume)).as("the volume lost exactly what the removed backups alone held: " + context)
        .isEqualTo(expected);
    try (Volume volume = open(home)) {
      assertThat(volume.check(true, ProgressListener.NONE).ok()).as("check --read-data: " + context).isTrue();
      assertThat(volume.backups()).hasSize(kept.size());
      for (Backup b : kept) {
        assertThat(digest(volume, b.manifestId())).as("backup %s reads back whole: %s", b.id(), context)
            .isEqualTo(contents.get(b.manifestId()));
      }
    }
    return removed.size();
  }

  /** Moves the backups' times into the past, oldest first, as if they had run that many days ago. */
  private static void age(TestHome home, List<Backup> backups, List<Integer> daysAgo) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.config().catalogFile());
        PreparedStatement update = c.prepareStatement("update backup set started_at = ?, finished_at = ? where id = ?")) {
      for (int i = 0; i < backups.size(); i++) {
        // Minutes apart within a day, so that the order of the runs stays the order of their times.
        Instant started = Instant.now().minus(Duration.ofDays(daysAgo.get(i))).minus(Duration.ofMinutes(60 - i));
        update.setLong(1, started.toEpochMilli());
        update.setLong(2, started.plusSeconds(1).toEpochMilli());
        update.setLong(3, backups.get(i).id());
        update.executeUpdate();
      }
    }
  }

  private static Set<BlobId> blobs(Volume volume, String manifest) throws IOException {
    Set<BlobId> ids = new HashSet<>();
    for (Entry e : volume.manifest(manifest).entries()) {
      assertThat(e.content().isInline()).as("stream %s lists its ids inline", e.name()).isTrue();
      e.content().ids().forEach(id -> ids.add(BlobId.parse(id)));
    }
    return ids;
  }

  /** SHA-256 of every stream of a backup, read back through the volume. */
  private static String digest(Volume volume, String manifest) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (BackupReader reader = volume.reader()) {
      for (Entry e : volume.manifest(manifest).entries()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        reader.cat(manifest, e.name(), bytes, ProgressListener.NONE);
        sha.update(e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(bytes.toByteArray());
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static Volume open(TestHome home) throws IOException {
    return Volume.open(new LocalBackend(home.volume), TestHome.PASSPHRASE.toCharArray());
  }
}
