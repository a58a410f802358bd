package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.MemoryStreams;
import io.coffer.source.StreamSink;
import java.io.ByteArrayOutputStream;
import io.coffer.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DumpSplitterTest {

  private static final String HEADER = "/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n\n";

  private static final String DUMP = HEADER
      + "--\n-- Current Database: `a`\n--\n\nUSE `a`;\n\n"
      + "DROP TABLE IF EXISTS `t`;\nCREATE TABLE `t` (`v` text);\n"
      + "LOCK TABLES `t` WRITE;\n"
      + "INSERT INTO `t` VALUES\n('x(\\'),('),\n('line\\nbreak'),\n(NULL);\n"
      + "UNLOCK TABLES;\n"
      + "LOCK TABLES `empty` WRITE;\nUNLOCK TABLES;\n"
      + "CREATE PROCEDURE p()\nINSERT INTO `t` VALUES ('not data')\n;;\n"
      + "--\n-- Current Database: `b``q`\n--\n\nUSE `b``q`;\n\n"
      + "LOCK TABLES `u` WRITE;\nINSERT INTO `u` VALUES (1),(2);\nUNLOCK TABLES;\n"
      + "--\n-- Current Database: `a`\n--\n\nUSE `a`;\n\n"
      + "/*!50001 VIEW `v` AS select 1 */;\n"
      + "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n";

  private static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("a", "a/dump.sql");
    names.put("b`q", "b`q/dump.sql");
    return names;
  }

  private static DumpSplitter split(MemoryStreams sink, byte[] dump, Random chunks) throws Exception {
    DumpSplitter splitter = new DumpSplitter(sink, names());
    int i = 0;
    while (i < dump.length) {
      int n = chunks == null ? dump.length : 1 + chunks.nextInt(7);
      n = Math.min(n, dump.length - i);
      splitter.write(dump, i, n);
      i += n;
    }
    splitter.close();
    return splitter;
  }

  @Test
  void eachDatabaseGetsTheHeaderAndItsSections_withoutUseLines() throws Exception {
    MemoryStreams sink = new MemoryStreams();
    DumpSplitter splitter = split(sink, DUMP.getBytes(StandardCharsets.UTF_8), null);

    String a = new String(sink.bytes("a/dump.sql"), StandardCharsets.UTF_8);
    String b = new String(sink.bytes("b`q/dump.sql"), StandardCharsets.UTF_8);
    assertThat(a).startsWith(HEADER).doesNotContain("USE `").contains("CREATE TABLE `t`", "VIEW `v`").doesNotContain("`u`");
    assertThat(b).startsWith(HEADER).doesNotContain("USE `").contains("INSERT INTO `u`").doesNotContain("`t`");
    assertThat(splitter.scanners().get("a").tables()).containsOnlyKeys("t", "empty");
    assertThat(splitter.scanners().get("a").tables().get("t").rows()).isEqualTo(3);
    assertThat(splitter.scanners().get("a").tables().get("empty").rows()).isZero();
    assertThat(splitter.scanners().get("b`q").tables().get("u").rows()).isEqualTo(2);
  }

  @Test
  void resultDoesNotDependOnHowTheBytesArrive() throws Exception {
    byte[] dump = DUMP.getBytes(StandardCharsets.UTF_8);
    MemoryStreams whole = new MemoryStreams();
    DumpSplitter once = split(whole, dump, null);
    MemoryStreams pieces = new MemoryStreams();
    DumpSplitter chunked = split(pieces, dump, Seeds.random("DumpSplitterTest.resultDoesNotDependOnHowTheBytesArrive"));

    assertThat(pieces.bytes("a/dump.sql")).isEqualTo(whole.bytes("a/dump.sql"));
    assertThat(pieces.bytes("b`q/dump.sql")).isEqualTo(whole.bytes("b`q/dump.sql"));
    assertThat(chunked.scanners().get("a").tables().get("t").checksum())
        .isEqualTo(once.scanners().get("a").tables().get("t").checksum());
  }

  /**
   * mariadb-dump writes one row per line: the lines between two markers must reach the member's
   * stream in one piece per write, not line by line (a million lines a backup of 300 MB).
   */
  @Test
  void rowLines_reachTheMemberInOnePiecePerWrite() throws Exception {
    StringBuilder rows = new StringBuilder("LOCK TABLES `t` WRITE;\nINSERT INTO `t` VALUES\n");
    for (int i = 0; i < 1000; i++) {
      rows.append("(").append(i).append(",'row ").append(i).append("')").append(i < 999 ? ",\n" : ";\n");
    }
    rows.append("UNLOCK TABLES;\n");
    byte[] head = (HEADER + "--\n-- Current Database: `a`\n--\n\nUSE `a`;\n\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = rows.toString().getBytes(StandardCharsets.UTF_8);
    List<Integer> writes = new ArrayList<>();
    StreamSink counting = name -> new ByteArrayOutputStream() {
      @Override
      public void write(byte[] b, int off, int len) {
        writes.add(len);
        super.write(b, off, len);
      }
    };
    DumpSplitter splitter = new DumpSplitter(counting, Map.of("a", "a/dump.sql"));
    splitter.write(head, 0, head.length);
    writes.clear();
    splitter.write(body, 0, body.length);

    // "LOCK TABLES … INSERT INTO … VALUES" and the rows, then "UNLOCK TABLES;" held back as a line
    // that starts like a USE, then the rest of that line.
    assertThat(writes).hasSizeLessThanOrEqualTo(3);
    assertThat(writes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(body.length);
    assertThat(splitter.scanners().get("a").tables().get("t").rows()).isEqualTo(1000);
  }

  @Test
  void aDatabaseThatIsNotAMember_failsTheBackup() {
    byte[] dump = (HEADER + "-- Current Database: `intruder`\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> split(new MemoryStreams(), dump, null))
        .hasMessageContaining("intruder, which is not a member");
  }
}
