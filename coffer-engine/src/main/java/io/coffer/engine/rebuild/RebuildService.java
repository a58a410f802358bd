package io.coffer.engine.rebuild;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.backup.Backup;
import io.coffer.catalog.backup.BackupStatus;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.engine.backup.BackupService;
import io.coffer.engine.backup.ReportStream;
import io.coffer.engine.offline.PendingBackup;
import io.coffer.engine.offline.PendingResults;
import io.coffer.engine.rebuild.RebuildReport.Added;
import io.coffer.engine.rebuild.RebuildReport.Missing;
import io.coffer.engine.rebuild.RebuildReport.Skipped;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.model.Kind;
import io.coffer.repo.BackupInfo;
import io.coffer.repo.Volume;
import io.coffer.repo.manifest.Manifest;
import io.coffer.source.BackupReport;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code coffer catalog rebuild --volume NAME}: recreates the catalog's backup rows from what the
 * volume holds. Each manifest the engine wrote carries tags (node, engine, databases, kind, level,
 * definition or one-off, agent, expire) and the driver's report as a stream, which is all a row
 * needs — and all a restore needs afterwards.
 *
 * <p>Idempotent: a manifest the catalog already records for this volume is left as it is, so a
 * second run adds nothing. Manifests are recorded oldest first, so that an incremental finds the
 * lower level it builds on. A definition, one-off or agent a tag names is linked only when the
 * catalog has it (for the same node); a node it lacks makes its backups wait, with the command to
 * register it, for the next run. Rows whose manifest the volume no longer holds (a catalog restored
 * from an old copy, after retention ran) are reported, and taken out only when asked.
 */
public final class RebuildService {

  private final CatalogLink link;
  private final VolumeOpener volumes;

  public RebuildService(CatalogLink link, VolumeOpener volumes) {
    this.link = link;
    this.volumes = volumes;
  }

  /** Rebuilds the rows of volume {@code name} (registered in the catalog); changes nothing in a dry run. */
  public RebuildReport rebuild(String name, boolean dryRun, boolean forgetMissing) {
    Catalog catalog = link.required();
    String volumeName = catalog.volumes().show(name).name();
    Volume volume = volumes.open(catalog.volumes().show(name).location());
    Map<String, Long> recorded = catalog.backups().manifestsIn(volumeName);
    List<Added> added = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    Set<String> present = new HashSet<>();
    int known = 0;
    try {
      for (BackupInfo b : volume.backups()) {
        present.add(b.id());
        if (recorded.containsKey(b.id())) {
          known++;
          continue;
        }
        Map<String, String> tags = b.manifest().tags() == null ? Map.of() : b.manifest().tags();
        if (tags.get("node") == null || tags.get("kind") == null) {
          ignored.add(b.id());
          continue;
        }
        try {
          PendingBackup row = row(catalog, volume, volumeName, b);
          Backup made = dryRun ? null : PendingResults.recordEnded(catalog, row);
          added.add(new Added(made == null ? 0 : made.id(), b.id(), row.node(), String.join(",", row.databases()),
              row.kind(), made == null ? row.level() : made.level(), owner(row), row.startedAt()));
        } catch (Unrecordable | CatalogValidationException e) {
          skipped.add(new Skipped(b.id(), e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new EngineException("cannot read the backups of volume " + volumeName + ": " + e.getMessage(), e);
    }
    List<Missing> missing = new ArrayList<>();
    recorded.forEach((manifest, id) -> {
      if (!present.contains(manifest)) {
        missing.add(new Missing(id, manifest, ""));
      }
    });
    // Newest first: an incremental leaves the catalog before the backup it builds on.
    missing.sort(Comparator.comparingLong(Missing::backup).reversed());
    List<Missing> forgotten = new ArrayList<>();
    List<Missing> reported = new ArrayList<>();
    for (Missing m : missing) {
      if (!forgetMissing || dryRun) {
        reported.add(m);
        continue;
      }
      try {
        catalog.retention().remove(m.backup(), "its manifest " + m.manifestId()
            + " is no longer in volume " + volumeName + " (catalog rebuild)", false);
        forgotten.add(m);
        reported.add(m);
      } catch (CatalogValidationException e) {
        reported.add(new Missing(m.backup(), m.manifestId(), e.getMessage()));
      }
    }
    return new RebuildReport(volumeName, dryRun, added, known, skipped, ignored, reported, forgotten);
  }

  /** The row a manifest stands for; throws {@link Unrecordable} when the catalog cannot take it. */
  private static PendingBackup row(Catalog catalog, Volume volume, String volumeName, BackupInfo b)
      throws IOException {
    Manifest m = b.manifest();
    Map<String, String> tags = m.tags();
    String node = tags.get("node");
    String engine = tags.getOrDefault("engine", "");
    try {
      catalog.nodes().show(node);
    } catch (CatalogValidationException e) {
      throw new Unrecordable("node " + node + " is not in the catalog; register it (coffer node add " + node
          + " --engine " + engine + " ...) and run the rebuild again");
    }
    BackupReport report = BackupService.report(volume, b.id(), m).orElseThrow(
        () -> new Unrecordable("it holds no " + ReportStream.NAME + ", so it could not be restored through the catalog"));
    Instant finished = Instant.parse(m.time()).truncatedTo(ChronoUnit.MILLIS);
    Instant started = report.startedAt() != null && !report.startedAt().isAfter(finished)
        ? report.startedAt().truncatedTo(ChronoUnit.MILLIS)
        : finished.minusMillis((long) (m.stats().seconds() * 1000));
    List<String> databases = tags.getOrDefault("databases", "").isEmpty() ? List.of()
        : Arrays.asList(tags.get("databases").split(","));
    Long definition = owner(tags.get("definition"), id -> catalog.definitions().show(id).node(), node);
    Long oneoff = definition != null ? null : owner(tags.get("oneoff"), id -> catalog.oneoffs().show(id).node(), node);
    String agent = Optional.ofNullable(tags.get("agent")).filter(a -> exists(() -> catalog.agents().show(a)))
        .orElse(null);
    String level = tags.getOrDefault("level", "0");
    return PendingBackup.of(node, volumeName, databases, Kind.valueOf(tags.get("kind")))
        .level(Integer.parseInt(level), null).definition(definition).oneoff(oneoff).agent(agent)
        .expire(tags.get("expire")).ran(started, finished).succeeded(b.id()).sizes(m.stats())
        .logTail("recreated by catalog rebuild from volume " + volumeName + " (manifest written by " + m.user() + "@"
            + m.host() + ")")
        .report(ReportStream.details(report)).build();
  }

  /** The definition or one-off a tag names, when the catalog has it for the same node; else null. */
  private static Long owner(String tag, java.util.function.LongFunction<String> nodeOf, String node) {
    if (tag == null || !tag.matches("[0-9]{1,18}")) {
      return null;
    }
    long id = Long.parseLong(tag);
    try {
      return node.equals(nodeOf.apply(id)) ? id : null;
    } catch (CatalogValidationException e) {
      return null;
    }
  }

  private static boolean exists(Runnable lookup) {
    try {
      lookup.run();
      return true;
    } catch (CatalogValidationException e) {
      return false;
    }
  }

  private static String owner(PendingBackup row) {
    return row.definitionId() != null ? "definition " + row.definitionId()
        : row.oneoffId() != null ? "one-off " + row.oneoffId() : "by hand";
  }

  /** A manifest the catalog cannot record, with the reason. */
  private static final class Unrecordable extends RuntimeException {
    Unrecordable(String reason) {
      super(reason);
    }
  }
}
