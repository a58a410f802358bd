package io.coffer.engine;

import io.coffer.catalog.node.NewNode;
import io.coffer.engine.config.CofferConfig;
import io.coffer.engine.config.ConfigLoader;
import io.coffer.engine.demo.SampleDatabase;
import io.coffer.model.Engine;
import io.coffer.repo.TestData;
import io.coffer.repo.Volume;
import io.coffer.repo.VolumeOptions;
import io.coffer.repo.backend.LocalBackend;
import io.coffer.repo.crypto.KdfParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A Coffer home in a temporary directory: an SQLite catalog, an encrypted volume, a directory of
 * SQLite databases registered as node {@code shop} with a sample database {@code shop.db}.
 */
public final class TestHome {

  public static final String PASSPHRASE = "test-passphrase";

  public final Path root;
  public final Path data;
  public final Path volume;

  public TestHome(Path root) throws IOException {
    this.root = root;
    this.data = Files.createDirectories(root.resolve("data"));
    this.volume = root.resolve("volume");
  }

  public CofferConfig config() {
    return config(Map.of());
  }

  public CofferConfig config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.putIfAbsent("COFFER_HOME", root.resolve("home").toString());
    env.put("COFFER_AGENT", "backup01");
    return new ConfigLoader(env, root, root.resolve("no-such-file.yaml")).load();
  }

  public Coffer open() {
    return open(config());
  }

  public Coffer open(CofferConfig config) {
    return Coffer.open(config, location -> PASSPHRASE.toCharArray());
  }

  /** Creates the volume, the sample database and registers node shop and volume vault. */
  public void setUp(long databaseBytes) throws IOException {
    setUp(databaseBytes, Map.of());
  }

  /** Like {@link #setUp(long)}, in the catalog {@code settings} name (e.g. a PostgreSQL one). */
  public void setUp(long databaseBytes, Map<String, String> settings) throws IOException {
    try (Volume v = Volume.init(new LocalBackend(volume), VolumeOptions.defaults().withKdf(KdfParams.weakForTests()),
        PASSPHRASE.toCharArray(), TestData.masterKey("TestHome"))) {
      v.config();
    }
    SampleDatabase.ofSize(7, databaseBytes).create(data.resolve("shop.db"));
    try (Coffer coffer = open(config(settings))) {
      coffer.volumes().add("vault", volume.toString(), "test volume");
      coffer.nodes().add(NewNode.builder("shop", Engine.SQLITE).dataDirectory(data.toString()).build());
    }
  }
}
