package io.coffer.repo.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.CorruptDataException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

  @Test
  void compressibleData_isStoredCompressed_andRoundTrips() {
    byte[] text = "row 1\tsome text\t42.00\n".repeat(5000).getBytes();
    byte[] e = Codec.zstd(3).encode(text);
    assertThat(e[0]).isEqualTo(Codec.ZSTD);
    assertThat(e.length).isLessThan(text.length / 10);
    assertThat(Codec.decode(e)).isEqualTo(text);
  }

  @Test
  void piecesOfShrinkingSize_onOneThread_eachRoundTrip_despiteTheSharedScratchArray() {
    Codec codec = Codec.zstd(2);
    Random r = new Random(3);
    for (int size : new int[] {2_000_000, 300_000, 70, 1_000_000, 5_000}) {
      byte[] piece = new byte[size];
      for (int i = 0; i < size; i++) {
        piece[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt() : 'a' + i % 7);
      }
      byte[] e = codec.encode(piece);
      assertThat(e[0]).isEqualTo(Codec.ZSTD);
      assertThat(Codec.decode(e)).isEqualTo(piece);
    }
  }

  @Test
  void decodingIntoAReusedLongerArray_givesTheSameBytes_andATooShortOneIsRefused() {
    byte[] text = "row 2\tother text\t7.50\n".repeat(3000).getBytes();
    byte[] random = new byte[50_000];
    new Random(4).nextBytes(random);
    byte[] dirty = new byte[200_000];
    Arrays.fill(dirty, (byte) 0x5a);
    for (byte[] piece : new byte[][] {text, random}) {
      byte[] e = Codec.zstd(3).encode(piece);
      assertThat(Codec.decodedLength(e)).isEqualTo(piece.length);
      assertThat(Codec.decode(e, dirty)).isEqualTo(piece.length);
      assertThat(Arrays.copyOf(dirty, piece.length)).isEqualTo(piece);
      assertThatThrownBy(() -> Codec.decode(e, new byte[piece.length - 1])).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(dirty[random.length]).isEqualTo(text[random.length]);
  }

  @Test
  void incompressibleData_isStoredRaw() {
    byte[] random = new byte[100_000];
    new Random(1).nextBytes(random);
    byte[] e = Codec.zstd(3).encode(random);
    assertThat(e[0]).isEqualTo(Codec.RAW);
    assertThat(Codec.decode(e)).isEqualTo(random);
  }

  @Test
  void dataThatShrinksByAFewPercent_isStoredCompressed_andDataThatBarelyShrinks_raw() {
    // Like a table page of random bytea: mostly random bytes with small repeated headers.
    byte[] pages = new byte[1 << 20];
    Random r = new Random(5);
    r.nextBytes(pages);
    for (int at = 0; at < pages.length; at += 2048) {
      Arrays.fill(pages, at, at + 48, (byte) 0);
    }
    byte[] e = Codec.zstd(2).encode(pages);
    assertThat(e[0]).isEqualTo(Codec.ZSTD);
    assertThat(e.length).isBetween(pages.length * 95 / 100, pages.length * 99 / 100);
    assertThat(Codec.decode(e)).isEqualTo(pages);

    byte[] almostRandom = new byte[1 << 20];
    r.nextBytes(almostRandom);
    for (int at = 0; at < almostRandom.length; at += 16384) {
      Arrays.fill(almostRandom, at, at + 32, (byte) 0);
    }
    assertThat(Codec.zstd(2).encode(almostRandom)[0]).as("saves about 0.2%: not worth decoding").isEqualTo(Codec.RAW);
  }

  @Test
  void damagedFrames_areReportedAsCorruption() {
    byte[] e = Codec.zstd(3).encode("abc".repeat(1000).getBytes());
    e[e.length / 2] ^= 0x7f;
    assertThatThrownBy(() -> Codec.decode(e)).isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(() -> Codec.decode(new byte[] {9, 1, 2})).isInstanceOf(CorruptDataException.class).hasMessageContaining("flag");
  }

  @Test
  void levelOutsideRange_isRejectedWithTheAcceptedRange() {
    assertThatThrownBy(() -> Codec.zstd(25)).hasMessageContaining("1..19").hasMessageContaining("25");
  }
}
