package io.coffer.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.CorruptDataException;
import io.coffer.testing.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * libcrypto, where Coffer seals its volumes, gives the JDK's bytes for every size and opens what the
 * JDK sealed, and the other way round. The project's test script installs libssl3 where it is
 * missing, so the library must be bound here: a binding that silently failed would pass every other
 * test and lose the speed it is for.
 */
class OpenSslGcmTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void libcryptoIsBoundOnThisMachine() {
    assertThat(OpenSslGcm.available()).as("libcrypto.so.3 bound through JNA").isTrue();
    assertThat(GcmPieces.of(new byte[32])).isInstanceOf(OpenSslGcm.class);
  }

  /** The GCM specification's test case 16: AES-256, 96-bit IV, 60 bytes of plaintext, 20 of AAD. */
  @Test
  void bothImplementationsGiveTheSpecificationsVector() {
    byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] iv = HEX.parseHex("cafebabefacedbaddecaf888");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] plain = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    String expected = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b";
    for (GcmPieces gcm : List.of(new OpenSslGcm(key), new JceGcm(key))) {
      byte[] out = new byte[plain.length + GcmPieces.TAG];
      assertThat(gcm.seal(iv, aad, plain, 0, plain.length, out, 0)).isEqualTo(out.length);
      assertThat(HEX.formatHex(out)).as(gcm.getClass().getSimpleName()).isEqualTo(expected);
      byte[] back = new byte[plain.length];
      assertThat(gcm.open(iv, aad, out, 0, out.length, back, 0)).isEqualTo(plain.length);
      assertThat(back).isEqualTo(plain);
    }
  }

  @Test
  void sealedUnitsOfEverySizeAreTheJdksBytes_andOpenEitherWay() {
    Random random = Seeds.random("OpenSslGcmTest");
    int piece = AesGcmSealer.PIECE;
    int[] sizes = {0, 1, 15, 16, 17, piece - 1, piece, piece + 1, 3 * piece, 5 * piece + 7};
    for (int round = 0; round < 40; round++) {
      byte[] key = bytes(random, 32);
      byte[] nonce = bytes(random, 12);
      int size = round < sizes.length ? sizes[round] : random.nextInt(6 * piece);
      int offset = random.nextInt(9);
      byte[] plain = bytes(random, offset + size + random.nextInt(9));
      AesGcmSealer openSsl = new AesGcmSealer(new OpenSslGcm(key));
      AesGcmSealer jdk = new AesGcmSealer(new JceGcm(key));
      byte[] sealed = openSsl.seal(plain, offset, size, nonce);
      assertThat(sealed).as("size %d", size).isEqualTo(jdk.seal(plain, offset, size, nonce));
      byte[] framed = frame(random, sealed);
      byte[] expected = Arrays.copyOfRange(plain, offset, offset + size);
      assertThat(openSsl.open(framed, 4, sealed.length)).isEqualTo(expected);
      assertThat(jdk.open(framed, 4, sealed.length)).isEqualTo(expected);
    }
  }

  @Test
  void anAlteredByteOrAnotherKeyFailsAuthentication_andNothingIsWritten() {
    Random random = Seeds.random("OpenSslGcmTest.altered");
    byte[] key = bytes(random, 32);
    byte[] nonce = bytes(random, 12);
    byte[] aad = {1};
    byte[] plain = bytes(random, 300);
    OpenSslGcm gcm = new OpenSslGcm(key);
    byte[] sealed = new byte[plain.length + GcmPieces.TAG];
    gcm.seal(nonce, aad, plain, 0, plain.length, sealed, 0);
    for (int i = 0; i < sealed.length; i += 7) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      byte[] out = new byte[plain.length];
      assertThatThrownBy(() -> gcm.open(nonce, aad, bad, 0, bad.length, out, 0))
          .isInstanceOf(CorruptDataException.class);
      assertThat(out).as("nothing written on failure").containsOnly(0);
    }
    assertThatThrownBy(() -> gcm.open(nonce, new byte[] {0}, sealed, 0, sealed.length, new byte[300], 0))
        .as("other AAD").isInstanceOf(CorruptDataException.class);
    OpenSslGcm other = new OpenSslGcm(bytes(random, 32));
    assertThatThrownBy(() -> other.open(nonce, aad, sealed, 0, sealed.length, new byte[300], 0))
        .as("other key").isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(() -> gcm.open(nonce, aad, sealed, 0, GcmPieces.TAG - 1, new byte[0], 0))
        .as("shorter than a tag").isInstanceOf(CorruptDataException.class);
    byte[] back = new byte[plain.length];
    gcm.open(nonce, aad, sealed, 0, sealed.length, back, 0);
    assertThat(back).as("the context still opens after failures").isEqualTo(plain);
  }

  /**
   * A restore opens segments from one direct buffer into another (no copies through arrays): the same
   * plaintext as the arrays' way, for every size around the pieces, with the buffers' positions and
   * limits left alone; an altered byte fails authentication. The JDK's pieces (no libcrypto) take the
   * same call through arrays.
   */
  @Test
  void openingDirectBuffers_givesTheArraysPlaintext_andRefusesAlteredBytes() {
    Random random = Seeds.random("OpenSslGcmTest.direct");
    int piece = AesGcmSealer.PIECE;
    int[] sizes = {0, 1, 16, piece - 1, piece, piece + 1, 3 * piece, 5 * piece + 7, 64 * piece};
    for (int size : sizes) {
      byte[] key = bytes(random, 32);
      byte[] plain = bytes(random, size);
      AesGcmSealer openSsl = new AesGcmSealer(new OpenSslGcm(key));
      AesGcmSealer jdk = new AesGcmSealer(new JceGcm(key));
      assertThat(openSsl.opensInNativeMemory()).isTrue();
      assertThat(jdk.opensInNativeMemory()).isFalse();
      byte[] sealed = openSsl.seal(plain);
      java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(sealed.length + 5).put(0, sealed);
      in.position(3);
      for (AesGcmSealer sealer : List.of(openSsl, jdk)) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(sealed.length);
        out.position(2);
        assertThat(sealer.open(in, sealed.length, out)).as("size %d", size).isEqualTo(size);
        byte[] back = new byte[size];
        out.get(0, back);
        assertThat(back).as("size %d", size).isEqualTo(plain);
        assertThat(out.position()).isEqualTo(2);
        assertThat(out.limit()).isEqualTo(out.capacity());
      }
      assertThat(in.position()).isEqualTo(3);
      assertThat(in.limit()).isEqualTo(in.capacity());
      if (size > 0) {
        int at = 12 + random.nextInt(sealed.length - 12);
        in.put(at, (byte) (in.get(at) ^ 0x40));
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(sealed.length);
        assertThatThrownBy(() -> openSsl.open(in, sealed.length, out)).as("altered at %d", at)
            .isInstanceOf(CorruptDataException.class);
      }
    }
    OpenSslGcm gcm = new OpenSslGcm(bytes(random, 32));
    java.nio.ByteBuffer small = java.nio.ByteBuffer.allocateDirect(40);
    assertThatThrownBy(() -> gcm.open(new byte[12], new byte[] {1}, small, 0, 60, small, 0))
        .as("a length past the buffer is refused before native code reads it")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gcm.open(new byte[12], new byte[] {1}, java.nio.ByteBuffer.allocate(40), 0, 40, small, 0))
        .as("a heap buffer has no address").isInstanceOf(IllegalArgumentException.class);
  }

  /** Threads keep a keyed context each: sealing under keys in turn must re-key, never mix them up. */
  @Test
  void threadsSealingUnderSeveralKeysInTurn_eachOpenWithTheirOwnKeyOnly() throws Exception {
    Random random = Seeds.random("OpenSslGcmTest.threads");
    List<byte[]> keys = List.of(bytes(random, 32), bytes(random, 32), bytes(random, 32));
    List<AesGcmSealer> openSsl = keys.stream().map(k -> new AesGcmSealer(new OpenSslGcm(k))).toList();
    List<AesGcmSealer> jdk = keys.stream().map(k -> new AesGcmSealer(new JceGcm(k))).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = random.nextLong();
        done.add(pool.submit(() -> {
          Random r = new Random(seed);
          for (int i = 0; i < 200; i++) {
            int k = r.nextInt(keys.size());
            byte[] plain = bytes(r, r.nextInt(40_000));
            byte[] sealed = openSsl.get(k).seal(plain);
            assertThat(jdk.get(k).open(sealed)).isEqualTo(plain);
            assertThat(openSsl.get(k).open(jdk.get(k).seal(plain))).isEqualTo(plain);
            int wrong = (k + 1) % keys.size();
            assertThatThrownBy(() -> openSsl.get(wrong).open(sealed)).isInstanceOf(CorruptDataException.class);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** The sealed bytes at offset 4 of a longer array, as a pack holds them. */
  private static byte[] frame(Random random, byte[] sealed) {
    byte[] framed = bytes(random, sealed.length + 9);
    System.arraycopy(sealed, 0, framed, 4, sealed.length);
    return framed;
  }
}
