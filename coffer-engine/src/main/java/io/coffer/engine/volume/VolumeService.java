package io.coffer.engine.volume;

import io.coffer.catalog.Catalog;
import io.coffer.engine.CatalogLink;
import io.coffer.engine.EngineException;
import io.coffer.repo.Maintenance;
import io.coffer.repo.ProgressListener;
import io.coffer.repo.PruneReport;
import io.coffer.repo.Volume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Forgetting and pruning a volume by hand ({@code coffer volume forget|prune}) in step with the
 * catalog. The catalog's backups are removed with {@code backup delete}, which takes the row and
 * the manifest together; here a manifest the catalog records for a registered volume is never
 * forgotten, and a prune is refused while the catalog records a manifest the volume no longer holds,
 * since the data that manifest needs would be freed.
 *
 * <p>Both run under the volume's exclusive lock, so no backup commits between the comparison with
 * the catalog and the change. A volume no catalog registers is the volume library's alone and
 * behaves as before; when a catalog is configured but unreachable nothing is forgotten or pruned,
 * since it cannot be told whether the catalog records the backups.
 */
public final class VolumeService {

  private final CatalogLink link;
  private final VolumeOpener opener;
  private final BooleanSupplier catalogMayExist;

  /**
   * @param catalogMayExist whether a catalog may hold registrations; when false none is created
   *     just to find that it registers nothing
   */
  public VolumeService(CatalogLink link, VolumeOpener opener, BooleanSupplier catalogMayExist) {
    this.link = link;
    this.opener = opener;
    this.catalogMayExist = catalogMayExist;
  }

  /**
   * Forgets the backups {@code idsOrPrefixes} (ids or unique prefixes) of the volume at {@code
   * location}; a dry run only resolves them. Returns their full ids. Refused, forgetting none, when
   * the catalog records any of them.
   */
  public List<String> forget(String location, List<String> idsOrPrefixes, boolean dryRun) {
    Volume volume = opener.open(location);
    try (Maintenance m = volume.maintenance()) {
      List<String> ids = new ArrayList<>();
      for (String idOrPrefix : idsOrPrefixes) {
        ids.add(volume.resolve(idOrPrefix));
      }
      Map<String, Long> recorded = recorded(location, "forget backups in");
      Map<Long, String> held = new TreeMap<>();
      ids.stream().filter(recorded::containsKey).forEach(id -> held.put(recorded.get(id), id));
      if (!held.isEmpty()) {
        throw new EngineException("volume " + location + " is registered and the catalog records "
            + listed(held) + "; nothing was forgotten. To delete from the catalog and the volume together: "
            + commands(held.keySet()));
      }
      if (!dryRun) {
        for (String id : ids) {
          m.forget(id);
        }
      }
      return ids;
    } catch (IOException e) {
      throw new EngineException("cannot forget backups in volume " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * Prunes the volume at {@code location}: deletes data no backup references and repacks packs less
   * than half used. Refused, changing nothing, while the catalog records a backup whose manifest the
   * volume no longer holds.
   */
  public PruneReport prune(String location, boolean dryRun, ProgressListener progress) {
    Volume volume = opener.open(location);
    try (Maintenance m = volume.maintenance()) {
      Map<String, Long> recorded = recorded(location, "prune");
      if (!recorded.isEmpty()) {
        Set<String> present = new HashSet<>();
        volume.backups().forEach(b -> present.add(b.id()));
        Map<Long, String> missing = new TreeMap<>();
        recorded.forEach((manifest, backup) -> {
          if (!present.contains(manifest)) {
            missing.put(backup, manifest);
          }
        });
        if (!missing.isEmpty()) {
          throw new EngineException("volume " + location + " lacks the manifests of " + listed(missing)
              + ", which the catalog records; a prune would free their data, so nothing was pruned. If they are"
              + " gone for good, take them out of the catalog with: coffer catalog rebuild --volume "
              + registeredName(location) + " --forget-missing");
        }
      }
      return m.prune(dryRun, 0.5, Set.of(), progress);
    } catch (IOException e) {
      throw new EngineException("cannot prune volume " + location + ": " + e.getMessage(), e);
    }
  }

  /** The backups the catalog records in the volume at {@code location}, by manifest id; none when unregistered. */
  private Map<String, Long> recorded(String location, String action) {
    if (!catalogMayExist.getAsBoolean()) {
      return Map.of();
    }
    Catalog catalog = link.reachable().orElseThrow(() -> new EngineException("cannot " + action + " volume "
        + location + ", which may hold backups the catalog records: " + link.unreachableReason()
        + "; nothing was changed"));
    String here = VolumeRegistry.absolute(location);
    return catalog.volumes().list().stream()
        .filter(v -> sameLocation(v.location(), here))
        .findFirst()
        .map(v -> catalog.backups().manifestsIn(v.name()))
        .orElse(Map.of());
  }

  private String registeredName(String location) {
    String here = VolumeRegistry.absolute(location);
    return link.required().volumes().list().stream().filter(v -> sameLocation(v.location(), here))
        .map(io.coffer.catalog.volume.RegisteredVolume::name).findFirst().orElse(location);
  }

  /** Registered locations are absolute; an S3 prefix may be written with or without a final slash. */
  private static boolean sameLocation(String registered, String given) {
    return Objects.equals(trimSlash(registered), trimSlash(given));
  }

  private static String trimSlash(String location) {
    return location != null && location.length() > 1 && location.endsWith("/")
        ? location.substring(0, location.length() - 1) : location;
  }

  private static String listed(Map<Long, String> backups) {
    List<String> parts = new ArrayList<>();
    backups.forEach((backup, manifest) -> parts.add(backup + " (manifest " + manifest.substring(0, Math.min(12,
        manifest.length())) + ")"));
    return (backups.size() == 1 ? "backup " : "backups ") + String.join(", ", parts);
  }

  private static String commands(Set<Long> backups) {
    List<String> out = new ArrayList<>();
    backups.forEach(id -> out.add("coffer backup delete " + id));
    return String.join("; ", out);
  }
}
