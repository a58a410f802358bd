package io.coffer.engine.volume;

import io.coffer.catalog.Catalog;
import io.coffer.catalog.CatalogValidationException;
import io.coffer.catalog.Names;
import io.coffer.catalog.volume.NewVolume;
import io.coffer.catalog.volume.RegisteredVolume;
import io.coffer.engine.CatalogLink;
import io.coffer.repo.VolumeStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Registers volumes made by {@code volume init} under a name, and turns a name given where a
 * location is expected into that location, so that every volume command accepts either.
 */
public final class VolumeRegistry {

  private final CatalogLink link;
  private final VolumeOpener opener;
  /** Told of every volume registered: the local cache, so a backup's first run into it opens it ahead. */
  private final Consumer<VolumeInfo> registered;
  private final BooleanSupplier catalogMayExist;

  /**
   * @param catalogMayExist whether a catalog may hold registrations; when false a name is taken as
   *     a location without creating the embedded catalog just to find it empty
   * @param registered told of every volume registered (the engine's local cache): a backup into a
   *     volume the cache knows starts deriving its key before it opens the catalog
   */
  public VolumeRegistry(CatalogLink link, VolumeOpener opener, BooleanSupplier catalogMayExist,
      Consumer<VolumeInfo> registered) {
    this.link = link;
    this.opener = opener;
    this.registered = registered;
    this.catalogMayExist = catalogMayExist;
  }

  /**
   * Registers the volume at {@code location}. A relative path is taken from the working directory;
   * a location that holds no volume is refused, naming it.
   */
  public RegisteredVolume add(String name, String location, String remarks) {
    String absolute = absolute(location);
    NewVolume volume = new NewVolume(name, absolute, remarks);
    if (!opener.exists(absolute)) {
      throw new CatalogValidationException("location", location, "it holds no Coffer volume",
          "the location of a volume made by coffer volume init");
    }
    RegisteredVolume added = link.required().volumes().add(volume);
    registered.accept(VolumeInfo.of(added));
    return added;
  }

  public List<RegisteredVolume> list() {
    return link.required().volumes().list();
  }

  public RegisteredVolume show(String reference) {
    return link.required().volumes().show(reference);
  }

  /** What the volume itself says about its size: opens it (asking for its passphrase if needed). */
  public VolumeStats stats(RegisteredVolume volume) {
    try {
      return opener.open(volume.location()).stats();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the statistics of volume " + volume.name(), e);
    }
  }

  /** Removes a registration; the volume and its backups stay where they are. */
  public void remove(String reference) {
    link.required().volumes().remove(reference);
  }

  /**
   * The location {@code nameOrLocation} stands for: the registered volume's location when it is the
   * name of one, else the text itself. Names never contain a slash or a colon, so a path or URL is
   * never mistaken for a name; without a reachable catalog the text is taken as a location, and no
   * catalog is created to look it up.
   */
  public String location(String nameOrLocation) {
    if (nameOrLocation == null || nameOrLocation.isBlank() || nameOrLocation.contains("/")
        || nameOrLocation.contains(":") || Names.isId(nameOrLocation) || !catalogMayExist.getAsBoolean()) {
      return nameOrLocation;
    }
    Optional<Catalog> catalog = link.reachable();
    if (catalog.isEmpty()) {
      return nameOrLocation;
    }
    return catalog.get().volumes().list().stream().filter(v -> v.name().equals(nameOrLocation)).findFirst()
        .map(RegisteredVolume::location).orElse(nameOrLocation);
  }

  /** A local path made absolute and normal, as registrations keep it; URLs as they are. */
  static String absolute(String location) {
    if (location == null || location.isBlank() || location.contains("://")) {
      return location;
    }
    return Path.of(location).toAbsolutePath().normalize().toString();
  }
}
