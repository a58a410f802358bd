package io.coffer.repo.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.repo.CorruptDataException;
import java.util.Arrays;
import java.util.List;
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

  /** Random bytes with a compressible tail, 8 KiB "pages" that differ from each other. */
  private static byte[] pages(long seed, int count) {
    Random r = new Random(seed);
    byte[] out = new byte[count * 8192];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (i % 8192 < 6000 ? r.nextInt() : 'a' + r.nextInt(3));
    }
    return out;
  }

  @Test
  void againstReferences_aPieceThatDiffersInAFewBytes_costsTensOfBytes_andDecodesWithThem() throws Exception {
    byte[] before = pages(1, 64);
    byte[] after = before.clone();
    for (int p = 0; p < 64; p += 3) {
      after[p * 8192 + 100] ^= 0x5a;
      after[p * 8192 + 7000] = 'x';
    }
    byte[] ids = new byte[2 * 16];
    Arrays.fill(ids, 0, 16, (byte) 1);
    Arrays.fill(ids, 16, 32, (byte) 2);
    Codec codec = Codec.zstd(2);
    int[] lengths = {after.length / 2, after.length / 2};
    byte[] e = codec.encodeAgainst(after, 0, after.length, ids, 16, 2, lengths, new int[][] {{0}, {1, 0}}, before);

    assertThat(e[0]).isEqualTo(Codec.AGAINST);
    assertThat(e.length).isLessThan(after.length / 100);
    assertThat(codec.encode(after).length).isGreaterThan(after.length / 2);
    Codec.References refs = Codec.references(e, e.length);
    assertThat(refs.count()).isEqualTo(2);
    assertThat(refs.idLength()).isEqualTo(16);
    assertThat(Arrays.copyOfRange(e, refs.idsOffset(), refs.idsOffset() + 32)).isEqualTo(ids);
    assertThat(Codec.decodedLength(e)).isEqualTo(after.length);
    assertThat(Codec.blobReferences(e, refs, 0)).containsExactly(0);
    assertThat(Codec.blobReferences(e, refs, after.length / 2)).containsExactly(1, 0);
    assertThat(Codec.blobReferences(e, refs, 5)).isEmpty();
    byte[] seen = new byte[32];
    byte[] decoded = Codec.decode(e, (piece, r) -> {
      System.arraycopy(piece, r.idsOffset(), seen, 0, 32);
      return before;
    });
    assertThat(decoded).isEqualTo(after);
    assertThat(seen).isEqualTo(ids);
    assertThat(Codec.references(codec.encode(after), 10)).isNull();
  }

  /**
   * A restore decodes segments from one direct buffer into another: raw, compressed and stored
   * against references alike give the arrays' bytes, with the buffers' positions and limits left
   * alone; a damaged frame is refused as corrupt.
   */
  @Test
  void directBuffers_decodeEveryEncodingAsArraysDo_andRefuseDamage() throws Exception {
    byte[] before = pages(3, 8);
    byte[] after = before.clone();
    after[9000] ^= 0x11;
    byte[] incompressible = new byte[50_000];
    new Random(4).nextBytes(incompressible);
    byte[] against = Codec.zstd(2).encodeAgainst(after, 0, after.length, new byte[16], 16, 1,
        new int[] {after.length}, new int[][] {{0}}, before);
    byte[] compressed = Codec.zstd(3).encode(after);
    byte[] raw = Codec.zstd(3).encode(incompressible);
    assertThat(compressed[0]).isEqualTo(Codec.ZSTD);
    assertThat(raw[0]).isEqualTo(Codec.RAW);
    // The references in native memory (read in place, from a slice that does not start at 0) and,
    // where the reader had none to spare, in an array; either is closed once decoded.
    java.nio.ByteBuffer nativeBefore = java.nio.ByteBuffer.allocateDirect(before.length + 11).put(5, before)
        .slice(5, before.length);
    for (java.nio.ByteBuffer dictionary : List.of(nativeBefore, java.nio.ByteBuffer.wrap(before))) {
      for (byte[][] c : new byte[][][] {{compressed, after}, {raw, incompressible}, {against, after}}) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(c[0].length + 3).put(0, c[0]);
        in.position(1);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(c[1].length + 7);
        int[] closed = new int[1];
        assertThat(Codec.decodedLength(in, c[0].length)).isEqualTo(c[1].length);
        assertThat(Codec.decode(in, c[0].length, out, (piece, refs) -> held(dictionary, closed))).isEqualTo(c[1].length);
        byte[] back = new byte[c[1].length];
        out.get(0, back);
        assertThat(back).as("flag %d, dictionary direct %s", c[0][0], dictionary.isDirect()).isEqualTo(c[1]);
        assertThat(closed[0]).isEqualTo(c[0] == against ? 1 : 0);
        assertThat(in.position()).isEqualTo(1);
        assertThat(in.limit()).isEqualTo(in.capacity());
        assertThat(out.position()).isZero();
      }
    }
    // References other than those it was stored against decode to other bytes, in place too.
    java.nio.ByteBuffer in = java.nio.ByteBuffer.allocateDirect(against.length).put(0, against);
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(after.length);
    byte[] other = before.clone();
    other[100] ^= 1;
    java.nio.ByteBuffer nativeOther = java.nio.ByteBuffer.allocateDirect(other.length).put(0, other);
    try {
      Codec.decode(in, against.length, out, (piece, refs) -> held(nativeOther, new int[1]));
      byte[] back = new byte[after.length];
      out.get(0, back);
      assertThat(back).isNotEqualTo(after);
    } catch (CorruptDataException e) {
      assertThat(e).hasMessageContaining("zstd");
    }
    java.nio.ByteBuffer truncated = java.nio.ByteBuffer.allocateDirect(compressed.length).put(0, compressed);
    assertThatThrownBy(() -> Codec.decode(truncated, compressed.length - 20, java.nio.ByteBuffer.allocateDirect(after.length), null))
        .as("a frame cut short").isInstanceOf(CorruptDataException.class);
    assertThatThrownBy(() -> Codec.decode(java.nio.ByteBuffer.allocateDirect(compressed.length).put(0, compressed),
        compressed.length, java.nio.ByteBuffer.allocateDirect(10), null))
        .as("too small a buffer for the frame's content").isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void againstReferences_withoutThem_orDamaged_isRefusedAsCorrupt_andWithOthersDecodesToOtherBytes() {
    byte[] before = pages(2, 4);
    byte[] after = before.clone();
    after[5000] ^= 1;
    int[] one = {after.length};
    int[][] first = {{0}};
    byte[] e = Codec.zstd(3).encodeAgainst(after, 0, after.length, new byte[16], 16, 1, one, first, before);

    assertThatThrownBy(() -> Codec.decode(e)).isInstanceOf(CorruptDataException.class).hasMessageContaining("reference blobs");
    // Other plaintexts decode to other bytes (or fail): the blobs' ids catch it where they are read.
    byte[] wrong;
    try {
      wrong = Codec.decode(e, (piece, r) -> pages(3, 4));
    } catch (Exception failed) {
      wrong = null;
    }
    assertThat(wrong).isNotEqualTo(after);
    byte[] noIds = e.clone();
    noIds[2] = 0;
    assertThatThrownBy(() -> Codec.references(noIds, noIds.length)).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("list of them");
    byte[] cut = Arrays.copyOf(e, 10);
    assertThatThrownBy(() -> Codec.references(cut, cut.length)).isInstanceOf(CorruptDataException.class);
    byte[] badIndex = Codec.zstd(3).encodeAgainst(after, 0, after.length, new byte[16], 16, 1, one, new int[][] {{1}}, before);
    assertThatThrownBy(() -> Codec.references(badIndex, badIndex.length)).isInstanceOf(CorruptDataException.class)
        .hasMessageContaining("does not list");
    assertThatThrownBy(() -> Codec.none().encodeAgainst(after, 0, after.length, new byte[16], 16, 1, one, first, before))
        .isInstanceOf(IllegalStateException.class);
  }

  /** A dictionary held for one decoding; counts its closes. */
  private static Codec.HeldDictionary held(java.nio.ByteBuffer bytes, int[] closed) {
    return new Codec.HeldDictionary(bytes, () -> closed[0]++);
  }
}
