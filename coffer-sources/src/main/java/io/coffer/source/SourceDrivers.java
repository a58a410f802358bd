package io.coffer.source;

import io.coffer.model.Engine;
import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The driver for each engine, found through {@link ServiceLoader} so that this package does not
 * depend on the driver packages (they depend on it). Drivers hold no state; one instance each is
 * shared.
 */
public final class SourceDrivers {

  private static final Map<Engine, SourceDriver> DRIVERS = load();
  private static final Map<Engine, PhysicalDriver> PHYSICAL = loadPhysical();

  private SourceDrivers() {}

  /** The driver for an engine, with its tools found on the standard paths. */
  public static SourceDriver forEngine(Engine engine) {
    SourceDriver driver = DRIVERS.get(engine);
    if (driver == null) {
      throw new IllegalStateException("no source driver for engine " + engine.id() + " on the class path");
    }
    return driver;
  }

  /** Whether the engine has a PHYSICAL driver on the class path. */
  public static boolean hasPhysical(Engine engine) {
    return PHYSICAL.containsKey(engine);
  }

  /** The PHYSICAL driver for an engine, or a refusal naming the engines that have one. */
  public static PhysicalDriver physical(Engine engine) throws SourceException {
    PhysicalDriver driver = PHYSICAL.get(engine);
    if (driver == null) {
      throw new SourceException(SourceException.Reason.INVALID_REQUEST, "kind PHYSICAL is not available for a "
          + engine.id() + " node; it is for " + PHYSICAL.keySet().stream().map(Engine::id).sorted().toList());
    }
    return driver;
  }

  private static Map<Engine, PhysicalDriver> loadPhysical() {
    Map<Engine, PhysicalDriver> drivers = new EnumMap<>(Engine.class);
    for (PhysicalDriver driver : ServiceLoader.load(PhysicalDriver.class)) {
      drivers.put(driver.engine(), driver);
    }
    return drivers;
  }

  private static Map<Engine, SourceDriver> load() {
    Map<Engine, SourceDriver> drivers = new EnumMap<>(Engine.class);
    for (SourceDriver driver : ServiceLoader.load(SourceDriver.class)) {
      drivers.put(driver.engine(), driver);
    }
    return drivers;
  }
}
