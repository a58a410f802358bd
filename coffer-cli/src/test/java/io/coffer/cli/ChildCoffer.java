package io.coffer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code coffer} as a separate JVM on the test classpath, so it can be killed like a real
 * process (kill -9 leaves its lock and half-written files behind, exactly what the tests need).
 */
public final class ChildCoffer {

  /** JVM options of a child that runs interpreted, without the JIT: slow on purpose. */
  public static final List<String> INTERPRETED = List.of("-Xint");

  private ChildCoffer() {}

  /**
   * Starts {@code coffer args…} with the test passphrase and a home of its own beside the log;
   * stdout and stderr go to {@code log}. The
   * child's temporary directory is beside the log: native libraries that zstd and jline unpack there
   * are left behind by a killed process and must go with the test's directory.
   */
  public static Process start(Path log, String... args) throws IOException {
    return start(log, Map.of(), args);
  }

  /** Like {@link #start(Path, String...)}, with these environment variables set as well. */
  public static Process start(Path log, Map<String, String> variables, String... args) throws IOException {
    return start(log, variables, List.of(), args);
  }

  /**
   * Like {@link #start(Path, Map, String...)}, with these options for the child's JVM: {@code
   * INTERPRETED} makes a backup of tens of MiB take minutes instead of a second, so that a test can
   * stop one mid-way on a quiet machine as surely as on a loaded one.
   */
  public static Process start(Path log, Map<String, String> variables, List<String> jvmOptions, String... args)
      throws IOException {
    return start(List.of(), log, variables, jvmOptions, args);
  }

  /**
   * Like {@link #start(Path, Map, List, String...)}, started through {@code wrapper} (a command that
   * runs the rest of its arguments, such as {@code nohup}), so that a test meets the child as an
   * operator's shell would start it.
   */
  public static Process start(List<String> wrapper, Path log, Map<String, String> variables, List<String> jvmOptions,
      String... args) throws IOException {
    Path tmp = Files.createDirectories(log.resolveSibling("child-tmp"));
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(jvmOptions);
    command.add("-Djava.io.tmpdir=" + tmp);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Nothing of the test process's own Coffer settings reaches the child, and unless the test gives
    // one the child has a home and an empty coffer.yaml beside its log, never the user's default.
    pb.environment().keySet().removeIf(name -> name.startsWith("COFFER_"));
    pb.environment().put("COFFER_PASSWORD", Cli.PASSPHRASE);
    if (!variables.containsKey("COFFER_HOME")) {
      pb.environment().put("COFFER_HOME", log.resolveSibling("child-home").toString());
    }
    if (!variables.containsKey("COFFER_CONFIG")) {
      pb.environment().put("COFFER_CONFIG", Files.writeString(log.resolveSibling("child-coffer.yaml"), "").toString());
    }
    pb.environment().putAll(variables);
    return pb.start();
  }
}
