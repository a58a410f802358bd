package io.coffer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTest {

  @TempDir Path dir;

  @Test
  void theIdentity_isTheNameAndTheStartOfTheMachineId() throws Exception {
    Path machineId = Files.writeString(dir.resolve("machine-id"), "3d1219a07c2e4f5aaa1f6d2a48adfda4\n");
    assertThat(Host.identity("db1", List.of(dir.resolve("absent"), machineId))).isEqualTo("db1#3d1219a07c2e");
  }

  @Test
  void withoutAMachineId_theIdentityIsTheName() throws Exception {
    Path tooShort = Files.writeString(dir.resolve("machine-id"), "3d12\n");
    assertThat(Host.identity("db1", List.of(dir.resolve("absent"), tooShort))).isEqualTo("db1");
  }

  @Test
  void anIdentity_readsAsItsName() {
    assertThat(Host.nameOf("db1#3d1219a07c2e")).isEqualTo("db1");
    assertThat(Host.nameOf("db1")).isEqualTo("db1");
    assertThat(Host.nameOf(Host.identity())).isEqualTo(Host.name());
  }

  @Test
  void thisHost_isItsIdentityOrItsPlainName_butNotAnotherMachineOfTheSameName() {
    assertThat(Host.isThis(Host.identity())).isTrue();
    assertThat(Host.isThis(Host.name())).isTrue();
    assertThat(Host.isThis(Host.name() + "#000000000000")).isEqualTo(Host.identity().equals(Host.name() + "#000000000000"));
    assertThat(Host.isThis("elsewhere-" + Host.name())).isFalse();
  }

  @Test
  void thisHost_hasANameAndAUser() {
    assertThat(Host.name()).isNotBlank().doesNotContain("#");
    assertThat(Host.user()).isNotBlank();
  }

  @Test
  void runsAsRoot_saysWhatTheSystemSaysOfThisProcessesUser() throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
    assertThat(id.waitFor()).isZero();
    assertThat(Host.runsAsRoot()).isEqualTo(uid.equals("0"));
  }
}
