package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's pg_dump on PATH is a wrapper (pg_wrapper) around the versioned installations that are
 * searched first: it is asked for its version only when nothing else was found.
 */
class PgToolsTest {

  @TempDir Path tmp;

  @Test
  void theWrapperIsNotAskedWhenAVersionedInstallationWasFound() throws Exception {
    Path versioned = installation("versioned", "pg_dump", "15.4", null);
    Path asked = tmp.resolve("wrapper-asked");
    Path onPath = installation("path", "pg_wrapper", "16.1", asked);

    PgInstallation chosen = new PgTools(List.of(versioned, onPath)).forServer("15.2");

    assertThat(chosen.bin()).isEqualTo(versioned);
    assertThat(asked).doesNotExist();
  }

  @Test
  void theWrapperAloneIsStillUsed() throws Exception {
    Path asked = tmp.resolve("wrapper-asked");
    Path onPath = installation("path", "pg_wrapper", "16.1", asked);

    PgInstallation chosen = new PgTools(List.of(onPath)).forServer("15.2");

    assertThat(chosen.bin()).isEqualTo(onPath);
    assertThat(chosen.version()).isEqualTo("16.1");
    assertThat(asked).exists();
  }

  /**
   * A directory with psql and a pg_dump that is a link to a script named {@code program}, which
   * prints {@code version} and, when {@code marker} is given, creates it.
   */
  private Path installation(String name, String program, String version, Path marker) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Path lib = Files.createDirectories(tmp.resolve(name + "-lib"));
    String touch = marker == null ? "" : "touch '" + marker + "'\n";
    Path script = Files.writeString(lib.resolve(program),
        "#!/bin/sh\n" + touch + "echo 'pg_dump (PostgreSQL) " + version + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(dir.resolve("pg_dump"), script);
    Files.createSymbolicLink(dir.resolve("psql"), script);
    return dir;
  }
}
