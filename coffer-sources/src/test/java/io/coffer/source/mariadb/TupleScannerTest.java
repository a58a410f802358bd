package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.source.ContentDigest;
import io.coffer.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TupleScannerTest {

  /** Rows whose text holds what could confuse a scanner: quotes, escapes, parentheses, commas. */
  private static final List<String> ROWS = List.of(
      "1,'plain',NULL",
      "2,'it\\'s (not) a tuple),(',\"dq \\\" and ) inside\"",
      "3,'back\\\\slash','',0x28290A",
      "4,'ünïcödé ✓','nested (((paren)))'");

  private static final String DUMP = "-- MariaDB dump\n"
      + "/*!40101 SET NAMES utf8mb4 */;\n"
      + "CREATE TABLE `t` (`id` int) ENGINE=InnoDB;\n"
      + "LOCK TABLES `t` WRITE;\n"
      + "INSERT INTO `t` VALUES (" + ROWS.get(0) + "),(" + ROWS.get(1) + ");\n"
      + "INSERT INTO `t` VALUES (" + ROWS.get(2) + "),(" + ROWS.get(3) + ");\n"
      + "UNLOCK TABLES;\n"
      + "LOCK TABLES `empty``one` WRITE;\n"
      + "UNLOCK TABLES;\n"
      + "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\n"
      + "INSERT INTO `t` VALUES (99,'not data');\n";

  @Test
  void rowsInsideDataSections_areHashedRowByRow_andNothingElse() {
    Map<String, ContentDigest> tables = scan(DUMP.getBytes(StandardCharsets.UTF_8), new int[] {Integer.MAX_VALUE});

    ContentDigest expected = new ContentDigest();
    for (String row : ROWS) {
      byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
      expected.update(bytes, 0, bytes.length);
      expected.endRow();
    }
    assertThat(tables).containsOnlyKeys("t", "empty`one");
    assertThat(tables.get("t").rows()).isEqualTo(4);
    assertThat(tables.get("t").checksum()).isEqualTo(expected.checksum());
    assertThat(tables.get("empty`one").rows()).isZero();
  }

  @Test
  void resultDoesNotDependOnWhereTheBuffersSplit() {
    byte[] dump = DUMP.getBytes(StandardCharsets.UTF_8);
    Map<String, String> whole = summary(scan(dump, new int[] {Integer.MAX_VALUE}));
    for (int split = 1; split < dump.length; split++) {
      assertThat(summary(scan(dump, new int[] {split, Integer.MAX_VALUE}))).as("split at " + split).isEqualTo(whole);
    }
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int[] sizes = random.ints(dump.length, 1, 12).toArray();
      assertThat(summary(scan(dump, sizes))).as("trial " + trial).isEqualTo(whole);
    }
    assertThat(summary(scan(dump, new int[] {1}))).as("byte by byte").isEqualTo(whole);
  }

  /**
   * Long values with quotes, escapes and parentheses at every distance from one another, so the
   * scanner's eight-bytes-at-a-time search meets them at every alignment and across buffer ends.
   */
  @Test
  void randomRows_withSpecialBytesAtEveryAlignment_areHashedLikeTheirText() {
    Random random = Seeds.random("TupleScannerTest.randomRows_withSpecialBytesAtEveryAlignment_areHashedLikeTheirText");
    String[] pieces = {"a", "xyzxyzxyz", "\\\\", "\\'", "\\\"", "(", ")", ",", "é", "✓", "\\n", "0", "the other quote"};
    StringBuilder dump = new StringBuilder("LOCK TABLES `r` WRITE;\nINSERT INTO `r` VALUES\n");
    ContentDigest expected = new ContentDigest();
    int rows = 400;
    for (int row = 0; row < rows; row++) {
      StringBuilder text = new StringBuilder().append(row);
      for (int field = random.nextInt(6); field > 0; field--) {
        text.append(',');
        switch (random.nextInt(4)) {
          case 0 -> text.append("0x").append("0123456789ABCDEF".repeat(random.nextInt(4))).append("AB".repeat(random.nextInt(8)));
          case 1 -> text.append(random.nextInt(100_000)).append('.').append(random.nextInt(100));
          default -> {
            char quote = random.nextBoolean() ? '\'' : '"';
            text.append(quote);
            for (int k = random.nextInt(30); k > 0; k--) {
              String piece = pieces[random.nextInt(pieces.length)];
              if (piece.equals("\\'") || piece.equals("\\\"")) {
                text.append('\\').append(quote);
              } else if (piece.equals("the other quote")) {
                text.append(quote == '"' ? '\'' : '"');
              } else {
                text.append(piece);
              }
            }
            text.append(quote);
          }
        }
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      expected.update(bytes, 0, bytes.length);
      expected.endRow();
      dump.append('(').append(text).append(')').append(row + 1 < rows ? ",\n" : ";\n");
    }
    dump.append("UNLOCK TABLES;\n");
    byte[] bytes = dump.toString().getBytes(StandardCharsets.UTF_8);

    for (int[] sizes : new int[][] {{Integer.MAX_VALUE}, {1}, {7}, {8}, {9}, random.ints(bytes.length, 1, 40).toArray()}) {
      Map<String, ContentDigest> tables = scan(bytes, sizes);
      assertThat(tables.get("r").rows()).as("pieces %d…", sizes[0]).isEqualTo(rows);
      assertThat(tables.get("r").checksum()).as("pieces %d…", sizes[0]).isEqualTo(expected.checksum());
    }
  }

  /** Feeds {@code dump} in pieces of the given sizes, the last size repeating. */
  private static Map<String, ContentDigest> scan(byte[] dump, int[] sizes) {
    TupleScanner scanner = new TupleScanner();
    int at = 0;
    for (int k = 0; at < dump.length; k++) {
      int n = (int) Math.min((long) sizes[Math.min(k, sizes.length - 1)], dump.length - at);
      byte[] piece = new byte[n + 6];
      System.arraycopy(dump, at, piece, 3, n);
      scanner.feed(piece, 3, n);
      at += n;
    }
    return scanner.tables();
  }

  private static Map<String, String> summary(Map<String, ContentDigest> tables) {
    Map<String, String> out = new TreeMap<>();
    tables.forEach((name, d) -> out.put(name, d.rows() + ":" + d.checksum()));
    return out;
  }
}
