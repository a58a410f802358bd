package io.coffer.cli.registration;

import io.coffer.cli.Environment;
import io.coffer.cli.session.EngineSessions;
import io.coffer.engine.Coffer;
import io.coffer.engine.EngineException;
import io.coffer.engine.config.CofferConfig;
import io.coffer.engine.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets every volume command take a registered name where it takes a location. A name never holds a
 * slash or a colon, so paths and URLs pass through untouched; a name is looked up in the catalog,
 * which is never created just for that.
 */
public final class VolumeNames {

  private VolumeNames() {}

  /** The location {@code text} stands for, for a command of the command line rooted at {@code root}. */
  public static String location(Object root, Environment env, String text) {
    if (text == null || text.isBlank() || text.contains("/") || text.contains(":")) {
      return text;
    }
    var session = EngineSessions.of(root);
    if (session.isPresent()) {
      return session.get().coffer().volumes().location(text);
    }
    CofferConfig config = new ConfigLoader(env.variables(), Path.of(System.getProperty("user.home")),
        Path.of("/etc", "coffer", "coffer.yaml")).load();
    if (config.catalogUrl().isEmpty() && !Files.exists(config.catalogFile())) {
      return text;
    }
    try (Coffer coffer = Coffer.open(config, location -> {
      throw new EngineException("looking up a volume name needs no passphrase");
    })) {
      return coffer.volumes().location(text);
    }
  }
}
