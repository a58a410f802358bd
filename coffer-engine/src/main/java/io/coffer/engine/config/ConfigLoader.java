package io.coffer.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coffer.catalog.CatalogValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads {@code coffer.yaml}: {@code $COFFER_CONFIG} (which must exist when set), then
 * {@code ~/.config/coffer/coffer.yaml}, then {@code /etc/coffer/coffer.yaml}; the first that exists
 * is used and the others are not merged in. Environment variables override single keys. Without any
 * file the defaults apply.
 */
public final class ConfigLoader {

  /** Names the configuration file explicitly. */
  public static final String CONFIG_VARIABLE = "COFFER_CONFIG";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, String> environment;
  private final Path userHome;
  private final Path systemFile;

  /**
   * @param environment the process environment (or a test's)
   * @param userHome the user's home directory
   * @param systemFile the machine-wide file, normally {@code /etc/coffer/coffer.yaml}
   */
  public ConfigLoader(Map<String, String> environment, Path userHome, Path systemFile) {
    this.environment = Map.copyOf(environment);
    this.userHome = userHome;
    this.systemFile = systemFile;
  }

  /** The loader for this process: its environment, its user's home, {@code /etc/coffer}. */
  public static ConfigLoader system() {
    return new ConfigLoader(System.getenv(), Path.of(System.getProperty("user.home")),
        Path.of("/etc", "coffer", "coffer.yaml"));
  }

  public CofferConfig load() {
    Optional<Path> file = file();
    Map<ConfigFileKey, String> values = new LinkedHashMap<>();
    file.ifPresent(path -> values.putAll(read(path)));
    for (ConfigFileKey key : ConfigFileKey.values()) {
      String value = environment.get(key.variable());
      if (value != null && !value.isEmpty()) {
        values.put(key, value);
      }
    }
    return new ConfigValues(values, userHome, file).toConfig();
  }

  private Optional<Path> file() {
    String named = environment.get(CONFIG_VARIABLE);
    if (named != null && !named.isEmpty()) {
      Path path = Path.of(named);
      if (!Files.isRegularFile(path)) {
        throw new CatalogValidationException(CONFIG_VARIABLE, named, "the path of an existing coffer.yaml");
      }
      return Optional.of(path);
    }
    Path user = userHome.resolve(".config").resolve("coffer").resolve("coffer.yaml");
    if (Files.isRegularFile(user)) {
      return Optional.of(user);
    }
    return Files.isRegularFile(systemFile) ? Optional.of(systemFile) : Optional.empty();
  }

  /** The file's keys flattened to {@code section.key}, each checked to be known and a scalar. */
  private static Map<ConfigFileKey, String> read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage() + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr());
      throw new CatalogValidationException("config file " + file, "(contents)", reason, "YAML with the keys " + ConfigFileKey.keys());
    } catch (IOException e) {
      throw new CatalogValidationException("config file " + file, "(contents)", "it cannot be read: " + e.getMessage(),
          "a readable YAML file");
    }
    Map<ConfigFileKey, String> values = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return values;
    }
    if (!root.isObject()) {
      throw new CatalogValidationException("config file " + file, "(contents)", "it is not a mapping of keys",
          "YAML with the keys " + ConfigFileKey.keys());
    }
    flatten("", root, file, values);
    return values;
  }

  private static void flatten(String prefix, JsonNode node, Path file, Map<ConfigFileKey, String> values) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = prefix + field.getKey();
      JsonNode value = field.getValue();
      if (value.isObject() && !ConfigFileKey.of(key).isPresent()) {
        if (ConfigFileKey.keys().stream().noneMatch(k -> k.startsWith(key + "."))) {
          throw unknown(key, file);
        }
        flatten(key + ".", value, file, values);
        continue;
      }
      ConfigFileKey known = ConfigFileKey.of(key).orElseThrow(() -> unknown(key, file));
      if (!value.isValueNode()) {
        throw new CatalogValidationException(key, value.toString(), "a single value (in " + file + ")");
      }
      if (!value.isNull()) {
        values.put(known, value.asText());
      }
    }
  }

  private static CatalogValidationException unknown(String key, Path file) {
    List<String> accepted = new ArrayList<>(ConfigFileKey.keys());
    return new CatalogValidationException("config key", key, "it is not a key Coffer knows (in " + file + ")",
        String.join(", ", accepted));
  }
}
