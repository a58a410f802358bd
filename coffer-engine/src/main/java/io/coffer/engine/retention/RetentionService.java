package io.coffer.engine.retention;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.definition.DefinitionFilter;
import io.coffer.catalog.retention.RetentionCandidate;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.retention.RetentionReport.Kept;
import io.coffer.engine.retention.RetentionReport.Refused;
import io.coffer.engine.retention.RetentionReport.Removed;
import io.coffer.engine.retention.RetentionReport.VolumeOutcome;
import io.coffer.engine.volume.VolumeOpener;
import io.coffer.repo.LockedException;
import io.coffer.repo.Maintenance;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.PruneReport;
import io.coffer.repo.VolumeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Retention: weighs backups by their definition's or one-off's rules ({@link RetentionDecision}),
 * removes those that go from the catalog (each with its reason in the history) and their manifests
 * from their volumes, then prunes each volume that lost backups. The agent runs it on its schedule;
 * {@code coffer retention apply} runs it by hand.
 *
 * <p>Order of effects, per volume and under its exclusive lock (so no backup can start in between,
 * nor build on a backup that is going): catalog row, then manifest, for each backup newest first
 * (an incremental before what it builds on); then the prune. A volume another process holds is left
 * alone this time — its backups stay in the catalog and the volume — and reported, for the next run.
 * Runs that never committed a manifest leave the catalog without touching a volume.
 */
public final class RetentionService {

  private final CatalogLink link;
  private final VolumeOpener volumes;

  public RetentionService(CatalogLink link, VolumeOpener volumes) {
    this.link = link;
    this.volumes = volumes;
  }

  /** Weighs, removes and prunes as {@code order} says; {@code progress} hears the prunes. */
  public RetentionReport apply(RetentionOrder order, ProgressListener progress) {
    Catalog catalog = link.required();
    Instant now = catalog.settings().clock().instant();
    List<Removed> removed = new ArrayList<>();
    List<Kept> kept = new ArrayList<>();
    for (Map.Entry<RetentionOwner, List<RetentionCandidate>> owner : candidates(catalog, order).entrySet()) {
      String name = owner.getKey().toString();
      for (Verdict v : RetentionDecision.decide(owner.getKey(), owner.getValue(), now, order.force())) {
        RetentionCandidate b = v.backup();
        if (v.goes()) {
          removed.add(new Removed(b.id(), name, b.volume(), b.manifestId(), b.status(), b.startedAt(), v.reason()));
        } else {
          kept.add(new Kept(b.id(), name, v.reason()));
        }
      }
    }
    List<Refused> refused = new ArrayList<>();
    List<VolumeOutcome> outcomes = new ArrayList<>();
    List<Removed> done = new ArrayList<>();
    if (!order.dryRun()) {
      for (Removed r : removed) {
        if (r.manifestId() == null) {
          remove(catalog, r, order.force(), refused).ifPresent(done::add);
        }
      }
    }
    for (String volume : volumesOf(removed)) {
      List<Removed> here = removed.stream().filter(r -> r.volume().equals(volume) && r.manifestId() != null).toList();
      if (here.isEmpty()) {
        continue;
      }
      String location = catalog.volumes().show(volume).location();
      try (Maintenance m = volumes.open(location).maintenance()) {
        outcomes.add(order.dryRun() ? estimate(m, volume, here, order, progress)
            : removeAndPrune(catalog, m, volume, here, order, progress, refused, done));
      } catch (LockedException e) {
        String problem = "left alone this time: " + e.getMessage();
        outcomes.add(new VolumeOutcome(volume, 0, null, problem));
        if (!order.dryRun()) {
          here.stream().filter(r -> !done.contains(r))
              .forEach(r -> refused.add(new Refused(r.backup(), r.owner(), "volume " + volume + " " + problem)));
        }
      } catch (IOException | UncheckedIOException | VolumeException e) {
        String problem = "failed: " + e.getMessage();
        outcomes.add(new VolumeOutcome(volume, 0, null, problem));
        here.stream().filter(r -> !done.contains(r))
            .forEach(r -> refused.add(new Refused(r.backup(), r.owner(), "volume " + volume + " " + problem)));
      }
    }
    return new RetentionReport(order.dryRun(), order.dryRun() ? removed : done, kept, refused, outcomes);
  }

  /** The backups to weigh, by owner. */
  private static Map<RetentionOwner, List<RetentionCandidate>> candidates(Catalog catalog, RetentionOrder order) {
    Map<RetentionOwner, List<RetentionCandidate>> out = new LinkedHashMap<>();
    switch (order.scope()) {
      case DEFINITION -> out.put(RetentionOwner.of(catalog.definitions().show(order.id())),
          catalog.retention().ofDefinition(order.id()));
      case ONEOFF -> out.put(RetentionOwner.of(catalog.oneoffs().show(order.id())),
          catalog.retention().ofOneoff(order.id()));
      case ALL -> {
        catalog.definitions().list(DefinitionFilter.all())
            .forEach(d -> out.put(RetentionOwner.of(d), catalog.retention().ofDefinition(d.id())));
        catalog.oneoffs().list().forEach(o -> out.put(RetentionOwner.of(o), catalog.retention().ofOneoff(o.id())));
        out.put(RetentionOwner.byHand(), catalog.retention().byHandWithExpire());
      }
    }
    return out;
  }

  /** What the prune would free once these backups are forgotten; nothing changes. */
  private static VolumeOutcome estimate(Maintenance m, String volume, List<Removed> here, RetentionOrder order,
      ProgressListener progress) throws IOException {
    Set<String> manifests = new LinkedHashSet<>();
    here.forEach(r -> manifests.add(r.manifestId()));
    PruneReport prune = order.prune() ? m.prune(true, order.repackBelow(), manifests, progress) : null;
    return new VolumeOutcome(volume, here.size(), prune, "");
  }

  private static VolumeOutcome removeAndPrune(Catalog catalog, Maintenance m, String volume, List<Removed> here,
      RetentionOrder order, ProgressListener progress, List<Refused> refused, List<Removed> done) throws IOException {
    int forgotten = 0;
    for (Removed r : here) {
      if (remove(catalog, r, order.force(), refused).isEmpty()) {
        continue;
      }
      try {
        m.forget(r.manifestId());
      } catch (IOException e) {
        throw new IOException("backup " + r.backup() + " left the catalog but forgetting its manifest "
            + r.manifestId() + " failed (" + e.getMessage() + "); run: coffer volume forget " + volume + " "
            + r.manifestId(), e);
      }
      done.add(r);
      forgotten++;
    }
    PruneReport prune = order.prune() && forgotten > 0 ? m.prune(false, order.repackBelow(), Set.of(), progress) : null;
    return new VolumeOutcome(volume, forgotten, prune, "");
  }

  /** Takes one backup out of the catalog; a refusal is reported, not thrown, so the others go on. */
  private static Optional<Removed> remove(Catalog catalog, Removed r, boolean force, List<Refused> refused) {
    try {
      catalog.retention().remove(r.backup(), r.reason(), force);
      return Optional.of(r);
    } catch (CatalogValidationException e) {
      refused.add(new Refused(r.backup(), r.owner(), e.getMessage()));
      return Optional.empty();
    }
  }

  private static Set<String> volumesOf(List<Removed> removed) {
    Set<String> out = new LinkedHashSet<>();
    removed.forEach(r -> out.add(r.volume()));
    return out;
  }
}
