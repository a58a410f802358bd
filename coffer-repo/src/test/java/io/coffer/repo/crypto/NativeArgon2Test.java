package io.coffer.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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
  void coffersDefaultCostsGiveTheReferenceTag_inMemoryAllocatedHere() {
    Argon2Costs c = Argon2Costs.REFERENCE;
    long blocks = NativeArgon2.ownMemoryBlocks();
    byte[] tag = c.hashedBy(NativeArgon2::hash);
    assertThat(HexFormat.of().formatHex(tag)).isEqualTo(Argon2Costs.REFERENCE_TAG);
    assertThat(HugePages.bound()).as("madvise bound from libc").isTrue();
    assertThat(NativeArgon2.ownMemoryBlocks()).as("libargon2 took its memory from Coffer's allocator").isEqualTo(blocks + 1);
  }

  @Test
  void randomCostsGiveTheJavaImplementationsBytes() {
    for (Argon2Costs c : Argon2Costs.draw(Seeds.random("NativeArgon2Test"), 40)) {
      assertThat(c.hashedBy(NativeArgon2::hash))
          .as(c.toString())
          .isEqualTo(c.hashedBy(Argon2Memory::hash));
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
