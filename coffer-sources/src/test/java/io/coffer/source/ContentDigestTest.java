package io.coffer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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
    long seed = System.nanoTime();
    System.out.println("ContentDigestTest seed " + seed);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add("row " + i);
    }
    String ordered = digest(rows);
    Collections.shuffle(rows, new Random(seed));
    assertThat(digest(rows)).isEqualTo(ordered);
  }

  @Test
  void checksum_changesWhenOneRowChanges_orARowIsSplitDifferently() {
    assertThat(digest(List.of("a", "b"))).isNotEqualTo(digest(List.of("a", "c")));
    assertThat(digest(List.of("ab", ""))).isNotEqualTo(digest(List.of("a", "b")));
    assertThat(digest(List.of("a", "a"))).isNotEqualTo(digest(List.of("a")));
  }

  @Test
  void checksum_isTheSumOfRowHashesModulo2To256() throws Exception {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add("value " + i);
    }
    BigInteger sum = BigInteger.ZERO;
    for (String row : rows) {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(row.getBytes(StandardCharsets.UTF_8));
      sum = sum.add(new BigInteger(1, h));
    }
    String expected = String.format("%064x", sum.mod(BigInteger.TWO.pow(256)));
    assertThat(digest(rows)).isEqualTo(expected);
  }

  @Test
  void rowBytes_mayArriveInPieces() {
    ContentDigest pieces = new ContentDigest();
    byte[] row = "hello world".getBytes(StandardCharsets.UTF_8);
    pieces.update(row, 0, 5);
    pieces.update(row, 5, row.length - 5);
    pieces.endRow();
    assertThat(pieces.checksum()).isEqualTo(digest(List.of("hello world")));
    assertThat(pieces.rows()).isEqualTo(1);
  }
}
