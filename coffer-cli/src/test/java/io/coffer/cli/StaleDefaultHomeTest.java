package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stale Coffer home where the user's default one lives ({@code ~/.local/share/coffer}, {@code
 * ~/.config/coffer}) is never read by the coffer a test runs, in-process ({@link Cli}) or as a child
 * process ({@link ChildCoffer}): each has a home of its own.
 */
class StaleDefaultHomeTest {

  @TempDir Path user;
  @TempDir Path tmp;

  /** What an old build might leave: a catalog file that is no catalog, a coffer.yaml no Coffer accepts. */
  @BeforeEach
  void staleHome() throws IOException {
    Files.writeString(Files.createDirectories(user.resolve(".local/share/coffer")).resolve("catalog.db"), "not a catalog");
    Files.writeString(Files.createDirectories(user.resolve(".config/coffer")).resolve("coffer.yaml"), "stale-key: 1\n");
  }

  @Test
  void inProcess_aStaleDefaultHomeIsNotRead() {
    String before = System.getProperty("user.home");
    System.setProperty("user.home", user.toString());
    try {
      Cli.Result usingTheDefault = new Cli().set("COFFER_HOME", null).set("COFFER_CONFIG", null).run("node", "list");
      assertThat(usingTheDefault.code()).as("the stale home breaks a coffer that reads it").isNotZero();
      assertThat(usingTheDefault.err()).contains("stale-key");

      Cli cli = new Cli();
      assertThat(cli.ok("node", "list").out()).contains("No nodes registered.");
      String volume = tmp.resolve("volume").toString();
      cli.ok("volume", "init", volume);
      Files.writeString(tmp.resolve("notes.txt"), "notes");
      String id = cli.ok("volume", "put", volume, "--name", "notes", tmp.resolve("notes.txt").toString()).out().strip();
      assertThat(cli.ok("volume", "forget", volume, id).out()).contains("removed backup " + id);
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      System.setProperty("user.home", before);
    }
  }

  @Test
  void childProcess_aStaleDefaultHomeIsNotRead() throws Exception {
    Path log = tmp.resolve("child.log");
    Process child = ChildCoffer.start(log, Map.of(), List.of("-Duser.home=" + user), "node", "list");
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child ended").isTrue();
    assertThat(child.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("No nodes registered.");
  }
}
