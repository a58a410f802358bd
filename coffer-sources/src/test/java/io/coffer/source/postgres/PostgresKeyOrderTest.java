package io.coffer.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.Listener;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.TableReport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tables with a row key are copied in key order, so an updated row keeps its place in the stream. */
class PostgresKeyOrderTest {

  private final PgServer pg = new PgServer();
  private final PostgresDriver driver = new PostgresDriver();

  @AfterEach
  void cleanUp() throws Exception {
    pg.close();
  }

  @Test
  void updatedRow_keepsItsPlaceInAKeyedTableStream_andMovesToTheEndOfAnUnkeyedOne() throws Exception {
    String db = pg.name("keys");
    pg.execute("postgres", "CREATE DATABASE \"" + db + "\"");
    pg.execute(
        db,
        "CREATE TABLE keyed (id int PRIMARY KEY, v text)",
        "CREATE TABLE loose (id int, v text)",
        "INSERT INTO keyed SELECT g, 'row ' || g FROM generate_series(1, 1000) g",
        "INSERT INTO loose SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
    MemoryStreams before = backup(db);
    pg.execute(
        db,
        "UPDATE keyed SET v = 'changed' WHERE id = 500",
        "UPDATE loose SET v = 'changed' WHERE id = 500");
    MemoryStreams after = backup(db);

    List<String> keyedBefore = lines(before, db, "keyed");
    List<String> keyedAfter = lines(after, db, "keyed");
    assertThat(keyedAfter).hasSameSizeAs(keyedBefore);
    assertThat(differingLines(keyedBefore, keyedAfter)).containsExactly(499);
    assertThat(keyedAfter.get(499)).isEqualTo("500\tchanged");

    // Physical order: the new row version sits after all others, every row after 500 shifts up.
    List<String> looseAfter = lines(after, db, "loose");
    assertThat(looseAfter.get(999)).isEqualTo("500\tchanged");
    assertThat(differingLines(lines(before, db, "loose"), looseAfter)).hasSize(501);
  }

  @Test
  void rowKey_isThePrimaryKeyElseTheNarrowestUniqueIndexOverNotNullColumns() throws Exception {
    String db = pg.name("rowkeys");
    pg.execute("postgres", "CREATE DATABASE \"" + db + "\"");
    pg.execute(
        db,
        "CREATE TABLE pk (a int, b int, c int NOT NULL UNIQUE, PRIMARY KEY (b, a))",
        "CREATE TABLE uniq (a int NOT NULL, b int NOT NULL, c int NOT NULL, UNIQUE (a, b))",
        "CREATE UNIQUE INDEX uniq_c ON uniq (c) INCLUDE (a)",
        "CREATE TABLE nullable (a int UNIQUE, b int)",
        "CREATE TABLE partial (a int NOT NULL, b int)",
        "CREATE UNIQUE INDEX partial_a ON partial (a) WHERE a > 0",
        "CREATE TABLE expression (a text NOT NULL)",
        "CREATE UNIQUE INDEX expression_a ON expression (lower(a))",
        "CREATE TABLE \"Odd \"\"name\"\"\" (\"Key col\" text PRIMARY KEY)");
    Map<String, List<String>> keys;
    try (Connection c = pg.connect(db)) {
      keys = PgCatalog.tables(c).stream().collect(Collectors.toMap(PgTable::name, PgTable::key));
    }
    assertThat(keys)
        .containsEntry("pk", List.of("b", "a"))
        .containsEntry("uniq", List.of("c"))
        .containsEntry("nullable", List.of())
        .containsEntry("partial", List.of())
        .containsEntry("expression", List.of())
        .containsEntry("Odd \"name\"", List.of("Key col"));
  }

  private MemoryStreams backup(String db) throws Exception {
    MemoryStreams streams = new MemoryStreams();
    BackupReport report =
        driver.backup(new BackupRequest(pg.node(), MemberSelector.one(db), Kind.DATA, 2), streams, new Listener());
    assertThat(report.members().get(0).tables()).extracting(TableReport::rows).containsOnly(1000L);
    return streams;
  }

  private static List<String> lines(MemoryStreams streams, String db, String table) {
    String stream = PgLayout.table(db, new PgTable("public", table, List.of(), List.of(), 0, false, List.of()));
    return new String(streams.bytes(stream), StandardCharsets.UTF_8).lines().toList();
  }

  private static List<Integer> differingLines(List<String> a, List<String> b) {
    return IntStream.range(0, Math.min(a.size(), b.size())).filter(i -> !a.get(i).equals(b.get(i))).boxed().toList();
  }
}
