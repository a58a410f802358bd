package io.coffer.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * Coffer's Argon2id gives the bytes of the reference implementation and of BouncyCastle's for every
 * cost: a volume's key files were written with BouncyCastle's and must keep opening.
 */
class Argon2MemoryTest {

  @Test
  void coffersDefaultCostsGiveTheReferenceImplementationsTag() {
    Argon2Costs c = Argon2Costs.REFERENCE;
    byte[] tag = c.hashedBy(Argon2Memory::hash);
    assertThat(HexFormat.of().formatHex(tag)).isEqualTo(Argon2Costs.REFERENCE_TAG);
  }

  @Test
  void randomCostsGiveBouncyCastlesBytes() {
    for (Argon2Costs c : Argon2Costs.draw(Seeds.random("Argon2MemoryTest"), 40)) {
      assertThat(c.hashedBy(Argon2Memory::hash))
          .as(c.toString())
          .isEqualTo(c.hashedBy(Argon2MemoryTest::bouncyCastle));
    }
  }

  @Test
  void aUtf8PassphraseHashesItsUtf8Bytes() {
    String passphrase = "correct horse · 電池 staple";
    byte[] salt = "sixteen byte sal".getBytes(StandardCharsets.US_ASCII);
    assertThat(Argon2id.derive(passphrase.toCharArray(), salt, 256, 2, 2, 32))
        .isEqualTo(bouncyCastle(passphrase.getBytes(StandardCharsets.UTF_8), salt, 256, 2, 2, 32));
  }

  @Test
  void costsOutsideTheAlgorithmAreRefusedNamingThem() {
    assertThatThrownBy(() -> Argon2Memory.hash(new byte[1], new byte[16], 15, 1, 2, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory 15 KiB");
    assertThatThrownBy(() -> Argon2Memory.hash(new byte[1], new byte[16], 64, 0, 1, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passes 0");
  }

  private static byte[] bouncyCastle(byte[] password, byte[] salt, int memory, int passes, int lanes, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory)
        .withIterations(passes).withParallelism(lanes).build());
    byte[] out = new byte[length];
    generator.generateBytes(password, out);
    return out;
  }
}
