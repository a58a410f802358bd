package io.coffer.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.remote.Remote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which class archive {@code ./coffer} maps: the remote commands' for a command that goes to a
 * server (given {@code --server}, or client.server set for a command that has a form against one),
 * the archive of all commands otherwise. The real launcher runs in a copy of the repository's layout
 * with a stand-in {@code java} first on the PATH, which "trains" by creating the archive it is told
 * to write and, run for the command, prints the arguments it was given.
 */
class LauncherTest {

  private static final String CLIENT = "coffer-client-";
  private static final String ALL = "coffer-all-";

  @TempDir Path root;

  private Path home;

  @BeforeEach
  void layout() throws IOException {
    Files.copy(Readme.root().resolve("coffer"), root.resolve("coffer"));
    Files.createDirectories(root.resolve("coffer-cli/target"));
    Files.writeString(root.resolve("coffer-cli/target/coffer-all.jar"), "");
    Path java = Files.writeString(Files.createDirectories(root.resolve("bin")).resolve("java"), """
        #!/bin/sh
        for arg; do
          case "$arg" in -XX:ArchiveClassesAtExit=*) : > "${arg#*=}" ;; esac
          last=$arg
        done
        case " $* " in *" io.coffer.cli.ClientArchiveTraining "*) : > "$last" ;; esac
        printf '%s\\n' "$@"
        """);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    home = Files.createDirectories(root.resolve("home"));
  }

  @Test
  void aCommandGivenServer_mapsTheRemoteCommandsArchive_anyOtherTheArchiveOfAll() throws Exception {
    assertThat(archive(Map.of(), "backup", "list")).startsWith(ALL);
    assertThat(archive(Map.of(), "--server", "https://backup01:8443", "backup", "list")).startsWith(CLIENT);
    assertThat(archive(Map.of(), "--server=https://backup01:8443", "--token-file", "t", "job", "show", "7"))
        .startsWith(CLIENT);
  }

  @Test
  void clientServerInCofferYaml_sendsTheCommandsThatHaveAFormAgainstAServer() throws Exception {
    for (String yaml : List.of(
        "catalog:\n  busy-timeout: 10s\nclient:\n  token-file: /t\n  server: https://backup01:8443\n",
        "client.server: \"https://backup01:8443\"\n",
        "client: {token-file: /t, server: https://backup01:8443}\n",
        "client:\r\n  server: https://backup01:8443")) {
      Map<String, String> config = Map.of("COFFER_CONFIG", Files.writeString(root.resolve("coffer.yaml"), yaml).toString());
      assertThat(archive(config, "backup", "run", "--node", "pg")).as(yaml).startsWith(CLIENT);
      assertThat(archive(config, "--json", "restore", "run", "--backup", "b")).as(yaml).startsWith(CLIENT);
      assertThat(archive(config, "agent", "run")).as("runs here: " + yaml).startsWith(ALL);
      assertThat(archive(config, "volume", "list")).as("refused against a server: " + yaml).startsWith(ALL);
    }
  }

  @Test
  void aCofferYamlWithoutAServerValue_leavesEveryCommandHere() throws Exception {
    for (String yaml : List.of(
        "",
        "client:\n  server-fingerprint: AB:CD\n  token-file: /t\n",
        "client:\n  server: ~\n",
        "client:\n  server: null\n",
        "client:\n  server: \"\"\n",
        "client:\n#  server: https://backup01:8443\n")) {
      Map<String, String> config = Map.of("COFFER_CONFIG", Files.writeString(root.resolve("coffer.yaml"), yaml).toString());
      assertThat(archive(config, "backup", "list")).as(yaml).startsWith(ALL);
    }
  }

  @Test
  void theUsersCofferYaml_andTheVariable_countWhenNoFileIsNamed() throws Exception {
    Files.writeString(Files.createDirectories(home.resolve(".config/coffer")).resolve("coffer.yaml"),
        "client:\n  server: https://backup01:8443\n");
    assertThat(archive(Map.of(), "backup", "list")).startsWith(CLIENT);

    Files.delete(home.resolve(".config/coffer/coffer.yaml"));
    assertThat(archive(Map.of("COFFER_CLIENT_SERVER", "https://backup01:8443"), "backup", "list")).startsWith(CLIENT);
    assertThat(archive(Map.of("COFFER_CLIENT_SERVER", "https://backup01:8443"), "agent", "run")).startsWith(ALL);
  }

  @Test
  void theLaunchersRemoteCommands_areTheCommandsThatRunAgainstAServer() throws IOException {
    String launcher = Files.readString(Readme.root().resolve("coffer"));
    String function = launcher.substring(launcher.indexOf("remote_command() {"), launcher.indexOf("configured_server() {"));
    List<String> named = new ArrayList<>();
    Matcher m = Pattern.compile("\"([a-z]+ [a-z]+)\"").matcher(function);
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).containsExactlyInAnyOrderElementsOf(Arrays.asList(Remote.COMMANDS.split(", ")));
  }

  @Test
  void shortCommandsAndReadersRunOnC1_otherDataMovingOnesWithC2Later_onlyLongLivedOnesKeepTheRecorder() throws Exception {
    assertThat(javaArguments(Map.of(), "backup", "list")).contains("-XX:TieredStopAtLevel=1", "-Djfr.unsupported.vm=true");
    for (String[] dataMoving : List.of(new String[] {"backup", "run", "--node", "pg"}, new String[] {"volume", "put", "v", "-"},
        new String[] {"restore", "run", "3"}, new String[] {"volume", "cat", "v", "latest:x"})) {
      // A reader hashes in libcrypto, installed here (OpenSslHmacTest); with the JDK's MAC it needs C2.
      boolean reads = dataMoving[0].equals("restore") || dataMoving[1].equals("cat");
      Map<String, String> variables = reads ? Map.of("COFFER_JAVA_OPTS", "-Dcoffer.hmac=java") : Map.of();
      List<String> arguments = javaArguments(variables, dataMoving);
      assertThat(arguments).as(String.join(" ", dataMoving))
          .contains("-Djfr.unsupported.vm=true", "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4BackEdgeThreshold=400000",
              "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.1")
          .doesNotContain("-XX:TieredStopAtLevel=1");
      // `quiet` only silences the compile commands given after it, which would otherwise be printed
      // on standard output, ahead of a command's --json.
      assertThat(arguments.indexOf("-XX:CompileCommand=quiet")).as(String.join(" ", dataMoving))
          .isNotNegative()
          .isLessThan(arguments.indexOf("-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.1"));
    }
    for (String[] reader : List.of(new String[] {"restore", "run", "3"}, new String[] {"volume", "restore", "v", "latest", "d"},
        new String[] {"volume", "cat", "v", "latest:x"})) {
      assertThat(javaArguments(Map.of(), reader)).as("%s where libcrypto hashes", String.join(" ", reader))
          .contains("-XX:TieredStopAtLevel=1").noneMatch(a -> a.startsWith("-XX:Tier4") || a.startsWith("-XX:CompileCommand"));
    }
    assertThat(javaArguments(Map.of("COFFER_JAVA_OPTS", "-Dcoffer.aes=java"), "restore", "run", "3"))
        .as("a restore told to seal with the JDK").contains("-XX:Tier4InvocationThreshold=50000")
        .doesNotContain("-XX:TieredStopAtLevel=1");
    for (String[] longLived : List.of(new String[] {"agent", "run"}, new String[] {"server", "run"})) {
      assertThat(javaArguments(Map.of(), longLived)).as(String.join(" ", longLived))
          .noneMatch(a -> a.startsWith("-XX:Tier") || a.startsWith("-XX:CompileCommand") || a.startsWith("-Djfr."));
    }
    assertThat(javaArguments(Map.of(), "demo")).noneMatch(a -> a.startsWith("-XX:Tier") || a.startsWith("-XX:CompileCommand"));
    // The user's options come after the launcher's, so they win.
    List<String> given = javaArguments(Map.of("COFFER_JAVA_OPTS", "-Djfr.unsupported.vm=false"), "backup", "list");
    assertThat(given.lastIndexOf("-Djfr.unsupported.vm=false")).isGreaterThan(given.indexOf("-Djfr.unsupported.vm=true"));
  }

  @Test
  void theRealJvm_takesTheCompilerOptionsOfDataMovingCommands_andPrintsNothingOfThem() throws Exception {
    List<String> compiler = javaArguments(Map.of(), "backup", "run", "--node", "pg").stream()
        .filter(a -> a.startsWith("-XX:Tier") || a.startsWith("-XX:CompileCommand")).toList();
    assertThat(compiler).hasSizeGreaterThanOrEqualTo(7);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(compiler);
    command.add("-version");
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("java %s", compiler).isZero();
    assertThat(stdout).isEmpty();
  }

  /**
   * The heap in huge pages exactly where the kernel's mode is madvise (this machine's mode decides
   * which way the test goes), and the real JVM takes the flag with nothing printed ahead of --json.
   */
  @Test
  void theHeapIsAskedForHugePages_whereTheKernelLeavesThemToTheProgram() throws Exception {
    Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean madvise = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
    for (String[] command : List.of(new String[] {"node", "list"}, new String[] {"restore", "run", "1"},
        new String[] {"agent", "run"})) {
      List<String> arguments = javaArguments(Map.of(), command);
      if (madvise) {
        assertThat(arguments).as(String.join(" ", command)).contains("-XX:+UseTransparentHugePages");
      } else {
        assertThat(arguments).as(String.join(" ", command)).doesNotContain("-XX:+UseTransparentHugePages");
      }
    }
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseParallelGC", "-XX:+UseTransparentHugePages", "-version")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();
    assertThat(stdout).isEmpty();
  }

  /** The file name of the archive the launcher maps for {@code args}, in an environment of only {@code variables}. */
  private String archive(Map<String, String> variables, String... args) throws Exception {
    List<String> arguments = javaArguments(variables, args);
    return arguments.stream().filter(line -> line.startsWith("-XX:SharedArchiveFile=")).findFirst()
        .map(line -> Path.of(line.substring(line.indexOf('=') + 1)).getFileName().toString())
        .orElseThrow(() -> new AssertionError("no class archive mapped:\n" + arguments));
  }

  /** The arguments the launcher gives java for {@code args}, in an environment of only {@code variables}. */
  private List<String> javaArguments(Map<String, String> variables, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("coffer").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(variables);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.lines().toList();
  }
}
