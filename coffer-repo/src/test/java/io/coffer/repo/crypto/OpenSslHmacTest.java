package io.coffer.repo.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * libcrypto's HMAC-SHA256, which computes the blob ids here, gives RFC 4231's values and the JDK's
 * bytes for every size, offset and key, on any thread. The project's test script installs libssl3
 * where it is missing, so the library must be bound here: a binding that silently failed would pass
 * every other test and lose the speed it is for.
 */
class OpenSslHmacTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void libcryptoIsBoundOnThisMachine() {
    assertThat(OpenSslHmac.available()).as("libcrypto.so.3's HMAC bound through JNA").isTrue();
    assertThat(IdHasher.inLibcrypto()).isTrue();
  }

  /** RFC 4231's test cases 1, 2 and 6 (a key longer than SHA-256's block, hashed first). */
  @Test
  void givesTheRfcsValues() {
    assertMac(repeat(0x0b, 20), "Hi There",
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertMac("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertMac(repeat(0xaa, 131), "Test Using Larger Than Block-Size Key - Hash Key First",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void everySizeAndOffsetGivesTheJdksBytes() throws GeneralSecurityException {
    Random random = Seeds.random("OpenSslHmacTest");
    // Around SHA-256's 64-byte block, the thread's first native buffer (64 KiB) and past it.
    int[] sizes = {0, 1, 55, 56, 63, 64, 65, 8191, 8192, 65535, 65536, 65537, 1 << 20};
    for (int round = 0; round < 60; round++) {
      byte[] key = bytes(random, 32);
      int size = round < sizes.length ? sizes[round] : random.nextInt(200_000);
      int offset = random.nextInt(9);
      byte[] data = bytes(random, offset + size + random.nextInt(9));
      assertThat(new OpenSslHmac(key).mac(data, offset, size)).as("size %d at %d", size, offset)
          .isEqualTo(jdk(key, data, offset, size));
    }
  }

  /** From a direct buffer the MAC is read where the bytes lie: the same bytes as the JDK's, buffer untouched. */
  @Test
  void directBuffersGiveTheJdksBytes_andLengthsPastTheirEndAreRefused() throws GeneralSecurityException {
    Random random = Seeds.random("OpenSslHmacTest.direct");
    int[] sizes = {0, 1, 63, 64, 65, 8192, 65537, 1 << 20};
    for (int size : sizes) {
      byte[] key = bytes(random, 32);
      int offset = random.nextInt(9);
      // At least one byte: the buffer's position is moved to 1 to show the MAC ignores it (an empty
      // buffer, drawn once in a few hundred seeds, refused that move).
      byte[] data = bytes(random, offset + size + 1 + random.nextInt(9));
      java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(data.length).put(0, data);
      direct.position(1);
      assertThat(new OpenSslHmac(key).mac(direct, offset, size)).as("size %d at %d", size, offset)
          .isEqualTo(jdk(key, data, offset, size));
      assertThat(direct.position()).isEqualTo(1);
      assertThat(direct.limit()).isEqualTo(direct.capacity());
    }
    OpenSslHmac hmac = new OpenSslHmac(bytes(random, 32));
    java.nio.ByteBuffer small = java.nio.ByteBuffer.allocateDirect(100);
    assertThatThrownBy(() -> hmac.mac(small, 50, 51)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hmac.mac(java.nio.ByteBuffer.allocate(100), 0, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A thread's context is keyed again whenever another hasher uses it, and reset between MACs. */
  @Test
  void hashersOfTwoKeysTakingTurnsOnOneThread_eachGiveTheirOwnKeysMac() throws GeneralSecurityException {
    Random random = Seeds.random("OpenSslHmacTest.turns");
    byte[] keyA = bytes(random, 32);
    byte[] keyB = bytes(random, 32);
    OpenSslHmac a = new OpenSslHmac(keyA);
    OpenSslHmac b = new OpenSslHmac(keyB);
    for (int i = 0; i < 20; i++) {
      byte[] data = bytes(random, random.nextInt(5000));
      boolean useA = random.nextBoolean();
      byte[] mac = (useA ? a : b).mac(data, 0, data.length);
      assertThat(mac).isEqualTo(jdk(useA ? keyA : keyB, data, 0, data.length));
    }
    byte[] data = bytes(random, 100);
    assertThat(a.mac(data, 0, 100)).isEqualTo(a.mac(data, 0, 100)).isNotEqualTo(b.mac(data, 0, 100));
  }

  @Test
  void threadsHashingAtOnceAgreeWithTheJdk() throws Exception {
    byte[] key = bytes(Seeds.random("OpenSslHmacTest.key"), 32);
    OpenSslHmac hmac = new OpenSslHmac(key);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random random = Seeds.random("OpenSslHmacTest.thread" + t);
        results.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            byte[] data = bytes(random, random.nextInt(20_000));
            if (!Arrays.equals(hmac.mac(data, 0, data.length), jdk(key, data, 0, data.length))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyKeyIsRefused() {
    assertThatThrownBy(() -> new OpenSslHmac(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
  }

  private static void assertMac(byte[] key, String data, String expected) {
    byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
    assertThat(HEX.formatHex(new OpenSslHmac(key).mac(bytes, 0, bytes.length))).as(data).isEqualTo(expected);
  }

  private static byte[] jdk(byte[] key, byte[] data, int offset, int length) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update(data, offset, length);
    return mac.doFinal();
  }

  private static byte[] repeat(int value, int count) {
    byte[] bytes = new byte[count];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] bytes(Random random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }
}
