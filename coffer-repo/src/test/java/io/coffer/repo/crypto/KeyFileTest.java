package io.coffer.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.CorruptDataException;
import io.coffer.repo.TestData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyFileTest {

  @Test
  void opensWithTheRightPassphraseOnly_andNeverStoresItInClear() {
    MasterKey key = TestData.masterKey("KeyFileTest.opensWithTheRightPassphraseOnly");
    char[] pass = "s3cret-Passphrase".toCharArray();
    byte[] file = KeyFile.create(key, pass, KdfParams.weakForTests());
    assertThat(new String(file, StandardCharsets.UTF_8)).doesNotContain("s3cret").contains("argon2id");
    assertThat(KeyFile.open(file, "s3cret-Passphrase".toCharArray())).isEqualTo(key);
    assertThat(KeyFile.open(file, "wrong".toCharArray())).isNull();
  }

  @Test
  void sealedPieces_detectEveryFlippedBit() {
    Sealer s = Sealer.aesGcm(TestData.masterKey("KeyFileTest.sealedPieces_detectEveryFlippedBit"));
    byte[] sealed = s.seal("hello world".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < sealed.length; i++) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x10;
      assertThatThrownBy(() -> s.open(bad)).isInstanceOf(CorruptDataException.class);
    }
    assertThat(new String(s.open(sealed), StandardCharsets.UTF_8)).isEqualTo("hello world");
  }

  @Test
  void multiPieceUnits_roundTrip_andRejectReorderedOrTruncatedPieces() {
    Sealer s = Sealer.aesGcm(TestData.masterKey("KeyFileTest.multiPieceUnits"));
    for (int size : new int[] {0, 1, AesGcmSealer.PIECE - 1, AesGcmSealer.PIECE, AesGcmSealer.PIECE + 1, 5 * AesGcmSealer.PIECE + 7}) {
      byte[] plain = new byte[size];
      new java.util.Random(size).nextBytes(plain);
      assertThat(s.open(s.seal(plain))).isEqualTo(plain);
    }
    byte[] plain = new byte[3 * AesGcmSealer.PIECE];
    byte[] sealed = s.seal(plain);
    int piece = AesGcmSealer.PIECE + 16;
    byte[] truncated = java.util.Arrays.copyOf(sealed, sealed.length - piece);
    assertThatThrownBy(() -> s.open(truncated)).isInstanceOf(CorruptDataException.class);
    byte[] swapped = sealed.clone();
    System.arraycopy(sealed, 12, swapped, 12 + piece, piece);
    System.arraycopy(sealed, 12 + piece, swapped, 12, piece);
    assertThatThrownBy(() -> s.open(swapped)).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void blobIds_areKeyed() {
    byte[] data = "same content".getBytes(StandardCharsets.UTF_8);
    assertThat(new IdHasher(TestData.masterKey("KeyFileTest.blobIds a")).hash(data)).isNotEqualTo(new IdHasher(TestData.masterKey("KeyFileTest.blobIds b")).hash(data));
    MasterKey k = TestData.masterKey("KeyFileTest.blobIds c");
    assertThat(new IdHasher(k).hash(data)).isEqualTo(new IdHasher(k).hash(data));
  }
}
