package io.coffer.cli.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.Cli;
import io.coffer.repo.TestData;
import io.coffer.repo.backend.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volume commands on {@code s3://bucket/prefix}, against an in-process S3-compatible server. */
class S3VolumeTest {

  private static S3TestServer s3;
  private final Cli cli = new Cli();

  @BeforeAll
  static void server() throws Exception {
    s3 = S3TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  private String[] args(String... a) {
    String[] out = new String[a.length + 3];
    System.arraycopy(a, 0, out, 0, a.length);
    out[a.length] = "--s3-endpoint";
    out[a.length + 1] = s3.endpoint().toString();
    out[a.length + 2] = "--s3-path-style";
    return out;
  }

  @Test
  void initPutLsCatCheck_onS3() {
    String vol = s3.freshLocation();
    assertThat(cli.ok(args("volume", "init", vol, "--pack-size", "1M")).out()).contains("created volume " + vol);
    byte[] data = TestData.dumpLike(50, 2_500_000);
    String id = cli.stdin(data).ok(args("volume", "put", vol, "--name", "dump.sql", "--tag", "node=pg1")).out().strip();
    assertThat(cli.ok(args("volume", "ls", vol)).out()).contains(id.substring(0, 12)).contains("node=pg1");
    assertThat(cli.ok(args("volume", "cat", vol, id.substring(0, 8))).stdout()).isEqualTo(data);
    assertThat(cli.ok(args("volume", "check", vol, "--read-data")).out()).contains("no damage found");
  }

  @Test
  void s3KeysOfCofferYaml_reachTheServer_withoutFlags(@TempDir Path tmp) throws IOException {
    Path config = Files.writeString(tmp.resolve("coffer.yaml"),
        "s3:\n  endpoint: " + s3.endpoint() + "\n  path-style: true\n");
    Cli configured = new Cli().set("COFFER_CONFIG", config.toString()).set("COFFER_HOME", tmp.resolve("home").toString());
    String vol = s3.freshLocation();

    configured.ok("volume", "init", vol, "--pack-size", "1M");
    String id = configured.stdin("rows".getBytes(StandardCharsets.UTF_8)).ok("volume", "put", vol, "--name", "t").out().strip();

    assertThat(configured.ok("volume", "ls", vol).out()).contains(id.substring(0, 12));
    assertThat(configured.ok("volume", "check", vol).out()).contains("no damage found");
  }

  @Test
  void s3Flags_overrideTheKeysOfCofferYaml(@TempDir Path tmp) throws IOException {
    Path config = Files.writeString(tmp.resolve("coffer.yaml"), "s3:\n  endpoint: http://127.0.0.1:9\n");
    Cli configured = new Cli().set("COFFER_CONFIG", config.toString()).set("COFFER_HOME", tmp.resolve("home").toString());
    String vol = s3.freshLocation();

    assertThat(configured.ok(args("volume", "init", vol)).out()).contains("created volume " + vol);
    assertThat(configured.ok(args("volume", "ls", vol)).out()).contains("no backups");
  }

  @Test
  void emptyPrefix_isNotAVolume_namingTheLocation() {
    String vol = s3.freshLocation();
    Cli.Result r = cli.run(args("volume", "ls", vol));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("coffer: " + vol + " is not a Coffer volume (no config file); create one with `coffer volume init`\n");
  }

  @Test
  void badEndpoint_isAUsageError() {
    Cli.Result r = cli.run("volume", "ls", "s3://coffer-test/x", "--s3-endpoint", "ftp://host");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ftp://host").contains("http(s)://host[:port]");
  }
}
