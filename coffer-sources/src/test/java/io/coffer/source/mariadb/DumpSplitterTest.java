package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.source.MemoryStreams;
import io.coffer.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

  @Test
  void aDatabaseThatIsNotAMember_failsTheBackup() {
    byte[] dump = (HEADER + "-- Current Database: `intruder`\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> split(new MemoryStreams(), dump, null))
        .hasMessageContaining("intruder, which is not a member");
  }
}
