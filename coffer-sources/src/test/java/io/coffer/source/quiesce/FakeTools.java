package io.coffer.source.quiesce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Recorded fakes of LVM and ZFS tools: shell scripts on a search path of their own that append their
 * argv to a log and act from files beside them (a file {@code fail-<tool>} makes that tool fail the
 * way the real one does). They hold the commands the real tools are run with, which is what these
 * tests check; what the real tools do with them is described in docs/operations.md.
 */
final class FakeTools {

  final Path bin;
  final Path log;

  FakeTools(Path dir) throws IOException {
    this.bin = Files.createDirectories(dir.resolve("bin"));
    this.log = dir.resolve("argv.log");
  }

  Tools tools() {
    return new Tools(bin + ":/usr/bin:/bin");
  }

  /**
   * A tool that records its argv, fails when {@code fail-<name>} (or {@code fail-<name>-<first
   * argument>}) exists, then runs {@code body}.
   */
  FakeTools tool(String name, String body) throws IOException {
    Path script = bin.resolve(name);
    Files.writeString(script, "#!/bin/sh\n"
        + "echo \"" + name + " $*\" >> '" + log + "'\n"
        + "for f in '" + bin.resolve("fail-" + name) + "' '" + bin.resolve("fail-" + name) + "'-\"$1\"; do"
        + " if [ -e \"$f\" ]; then cat \"$f\" >&2; exit 5; fi; done\n"
        + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  /** Makes {@code name} ({@code zfs-snapshot}: that subcommand only) fail with this message from now on. */
  void fail(String name, String message) throws IOException {
    Files.writeString(bin.resolve("fail-" + name), message + "\n");
  }

  List<String> argv() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }
}
