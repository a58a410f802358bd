package io.coffer.source.quiesce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the quiesce method a definition or node names, checking its settings completely first. */
public final class QuiesceMethods {

  /** Every method's name, as the CLI and catalog write it. */
  public static final List<String> NAMES = List.of("none", "stop-start", "pre-post", "btrfs", "lvm", "zfs");
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

  private QuiesceMethods() {}

  /**
   * Checks a method and its settings completely without running anything, as a definition or node
   * stores them; returns the method's name in the form {@link #create} takes. Fails with an {@link
   * InvalidQuiesceOption} naming the setting, its value and what is accepted.
   */
  public static String check(String method, Map<String, String> settings) {
    return create(method, settings, Path.of("/"), Path.of("/"), Tools.system()).method();
  }

  /**
   * @param dataDirectory the directory to back up
   * @param stateDirectory where pending start/post commands are recorded (the agent's state)
   * @param tools where the tools are found
   */
  public static Quiesce create(String method, Map<String, String> settings, Path dataDirectory, Path stateDirectory,
      Tools tools) {
    String name = method == null ? "none" : method.strip().toLowerCase(java.util.Locale.ROOT);
    QuiesceOptions options = new QuiesceOptions(name, settings);
    String key = dataDirectory.toString();
    Quiesce q = switch (name) {
      case "none" -> new NoQuiesce(dataDirectory);
      case "stop-start" -> new StopStart(dataDirectory, options.required("stop", "the command that stops the database"),
          options.required("start", "the command that starts it again"), options.duration("timeout", DEFAULT_TIMEOUT),
          tools, new PendingCommand(stateDirectory, "stop-start " + key));
      case "pre-post" -> new PrePost(dataDirectory, options.required("pre", "the command run before the copy"),
          options.required("post", "the command run after it"), options.duration("timeout", DEFAULT_TIMEOUT),
          tools, new PendingCommand(stateDirectory, "pre-post " + key));
      case "btrfs" -> new BtrfsSnapshot(dataDirectory, options.path("snapshot-directory", null),
          options.duration("timeout", DEFAULT_TIMEOUT), tools);
      case "lvm" -> LvmSnapshot.of(dataDirectory, options, tools);
      case "zfs" -> new ZfsSnapshot(dataDirectory, options.required("dataset", "the ZFS dataset holding the data"
          + " directory (pool/fs)"), options.duration("timeout", DEFAULT_TIMEOUT), tools);
      default -> throw new InvalidQuiesceOption("method", method, "one of " + String.join(", ", NAMES));
    };
    options.refuseUnknown();
    return q;
  }
}
