package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.testing.Seeds;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

  private static String digest(List<String> rows) {
    ContentDigest d = new ContentDigest();
    for (String row : rows) {
      byte[] b = row.getBytes(StandardCharsets.UTF_8);
      d.update(b, 0, b.length);
      d.endRow();
    }
    return d.checksum();
  }

  @Test
  void checksum_doesNotDependOnRowOrder() {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add("row " + i);
    }
    String ordered = digest(rows);
    Collections.shuffle(rows, Seeds.random("ContentDigestTest.checksum_doesNotDependOnRowOrder"));
    assertThat(digest(rows)).isEqualTo(ordered);
  }

  @Test
  void checksum_changesWhenOneRowChanges_orARowIsSplitDifferently() {
    assertThat(digest(List.of("a", "b"))).isNotEqualTo(digest(List.of("a", "c")));
    assertThat(digest(List.of("ab", ""))).isNotEqualTo(digest(List.of("a", "b")));
    assertThat(digest(List.of("a", "a"))).isNotEqualTo(digest(List.of("a")));
  }

  @Test
  void oneRow_isItsMurmurHash3_x64_128() {
    // Reference values: Guava's Hashing.murmur3_128() of the same bytes, as h2 then h1.
    assertThat(digest(List.of(""))).isEqualTo("0000000000000000" + "0000000000000000");
    assertThat(digest(List.of("a"))).isEqualTo("e6b53a48510e895a" + "85555565f6597889");
    assertThat(digest(List.of("hello"))).isEqualTo("5b1e906a48ae1d19" + "cbd8a7b341bd9b02");
    assertThat(digest(List.of("0123456789abcdef"))).isEqualTo("87c35b5c63a708da" + "4be06d94cf4ad1a7");
    assertThat(digest(List.of("The quick brown fox jumps over the lazy dog")))
        .isEqualTo("7a433ca9c49a9347" + "e34bbc7bbc071b6c");
    assertThat(digest(List.of("日本語 ✓ row with seventeen+ bytes"))).isEqualTo("9eb09fb4b6b5d83f" + "cfc77844dd5a6fa6");
  }

  @Test
  void checksum_isTheSumOfRowHashesModulo2To128() {
    List<String> rows = new ArrayList<>();
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < 5000; i++) {
      rows.add("value " + i);
      sum = sum.add(new BigInteger(digest(List.of("value " + i)), 16));
    }
    assertThat(digest(rows)).isEqualTo(String.format("%032x", sum.mod(BigInteger.TWO.pow(128))));
  }

  @Test
  void rowBytes_mayArriveInPieces() {
    String text = "a row long enough to span three blocks of sixteen bytes, and some";
    byte[] row = text.getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= row.length; cut++) {
      ContentDigest pieces = new ContentDigest();
      pieces.update(row, 0, cut);
      for (int i = cut; i < row.length; i++) {
        pieces.update(row[i]);
      }
      pieces.endRow();
      assertThat(pieces.checksum()).as("cut at %d", cut).isEqualTo(digest(List.of(text)));
      assertThat(pieces.rows()).isEqualTo(1);
    }
  }
}
