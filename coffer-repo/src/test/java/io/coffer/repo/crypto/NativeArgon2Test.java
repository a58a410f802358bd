package io.coffer.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * libargon2, where Coffer derives its keys, gives the Java implementation's bytes for every cost, and
 * whatever it refuses is derived in Java. The project's test script installs libargon2-1 where it is
 * missing, so the library must be bound here: a binding that silently failed would pass every other
 * test and lose the start-up it is for.
 */
class NativeArgon2Test {

  @Test
  void libargon2IsBoundOnThisMachine() {
    assertThat(NativeArgon2.available()).as("libargon2.so.1 bound through JNA").isTrue();
  }

  @Test
  void coffersDefaultCostsGiveTheReferenceTag() {
    byte[] tag = NativeArgon2.hash("secret".getBytes(StandardCharsets.US_ASCII), new byte[16], 64 * 1024, 1, 1, 32);
    assertThat(HexFormat.of().formatHex(tag))
        .isEqualTo("579ec3f9ef8860f36d382f552dcbde4cdf3e71af6d62fd37da10ad1599874da5");
  }

  @Test
  void randomCostsGiveTheJavaImplementationsBytes() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (Argon2Costs c : Argon2Costs.draw(random, 40)) {
      assertThat(NativeArgon2.hash(c.password().clone(), c.salt(), c.memoryKiB(), c.passes(), c.lanes(), c.length()))
          .as("seed " + seed + ": " + c)
          .isEqualTo(Argon2Memory.hash(c.password().clone(), c.salt(), c.memoryKiB(), c.passes(), c.lanes(), c.length()));
    }
  }

  @Test
  void aSaltTheLibraryRefusesIsDerivedInJava() {
    byte[] salt = {1, 2, 3, 4};
    assertThat(NativeArgon2.hash(new byte[] {7}, salt, 64, 1, 1, 32)).as("libargon2 wants >= 8 bytes of salt").isNull();
    assertThat(Argon2id.derive("s".toCharArray(), salt, 64, 1, 1, 32))
        .isEqualTo(Argon2Memory.hash("s".getBytes(StandardCharsets.US_ASCII), salt, 64, 1, 1, 32));
  }

  @Test
  void costsOutsideTheAlgorithmAreRefusedBeforeEitherImplementation() {
    assertThatThrownBy(() -> Argon2id.derive("s".toCharArray(), new byte[16], 15, 1, 2, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory 15 KiB");
  }
}
