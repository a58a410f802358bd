package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.ContentCheck;
import io.coffer.source.Listener;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceException;
import io.coffer.source.SourceException.Reason;
import io.coffer.source.TableReport;
import io.coffer.source.process.ChildProcess;
import io.coffer.source.process.Cancellation;
import io.coffer.source.process.Command;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB backup reads the rows itself ({@link MyRowReader}) and must write them exactly as
 * mariadb-dump does: the verification of a restored copy dumps it with mariadb-dump and compares.
 */
class MyRowReaderTest {

  private static final Pattern SECTION =
      Pattern.compile("LOCK TABLES (`(?:[^`]|``)+`) WRITE;\n(.*?)UNLOCK TABLES;\n", Pattern.DOTALL);

  private final MyServer my = new MyServer();
  private final MariaDbDriver driver = new MariaDbDriver();

  @AfterEach
  void cleanUp() throws Exception {
    my.close();
  }

  /** Every value type, the escapes, empty and NULL values, and a table long enough for several INSERTs. */
  private String typesDatabase() throws Exception {
    String db = my.name("types");
    my.execute(null, "CREATE DATABASE `" + db + "` CHARACTER SET utf8mb4");
    my.execute(db,
        "CREATE TABLE every (id INT PRIMARY KEY, ti TINYINT, si SMALLINT UNSIGNED, mi MEDIUMINT, bi BIGINT,"
            + " de DECIMAL(20,6), fl FLOAT, fl2 FLOAT(7,3), db DOUBLE, yr YEAR, bt BIT(12),"
            + " ch CHAR(5), vc VARCHAR(100), l1 VARCHAR(20) CHARACTER SET latin1, tx TEXT, bn BINARY(3), vb VARBINARY(20),"
            + " bl BLOB, en ENUM('a','b c'), st SET('x','y'), js JSON, dt DATE, dtm DATETIME(6), ts TIMESTAMP(3) NULL,"
            + " tm TIME(2), uu UUID, ip INET6, pt POINT, gen INT AS (id * 2) VIRTUAL, sto BIGINT AS (id + 1) STORED)",
        "INSERT INTO every (id, ti, si, mi, bi, de, fl, fl2, db, yr, bt, ch, vc, l1, tx, bn, vb, bl, en, st, js, dt, dtm, ts,"
            + " tm, uu, ip, pt) VALUES"
            + " (1, -128, 65535, -8388608, -9223372036854775808, -12345678901234.123456, 1.1, 3.14159, 2.718281828459045,"
            + " 1999, b'101010101010', 'ab', 'it''s \"q\" \\\\ back\\nslash\\r\\0zero\\Z', 'Müller', 'ünï 😀 日本語',"
            + " 0x00FF10, '', 0x0102, 'b c', 'x,y', '{\"k\": [1, \"ü\"]}', '2024-02-29', '2024-01-02 03:04:05.123456',"
            + " '2024-06-01 12:00:00.5', '-838:59:59.99', '123e4567-e89b-12d3-a456-426614174000', '2001:db8::1', POINT(1.5, -2)),"
            + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
            + " (3, 0, 0, 0, 0, 0, -0.0, 0, 1e-300, 2155, b'0', '', '', '', '', 0x000000, '', '', 'a', '', '[]',"
            + " '1000-01-01', '9999-12-31 23:59:59.999999', '1970-01-01 00:00:01', '00:00:00', '00000000-0000-0000-0000-000000000000',"
            + " '::', POINT(0, 0))",
        "CREATE TABLE `we``ird ✓` (`naïve` VARCHAR(50), n INT)",
        "INSERT INTO `we``ird ✓` VALUES ('日本語', 1), ('(parens), and; ''quotes''', 2), (NULL, NULL)",
        "CREATE TABLE numbers (zf INT(6) ZEROFILL, bo TINYINT(1), ub BIGINT UNSIGNED, dd DOUBLE(10,2), d0 DECIMAL(5,0),"
            + " fs FLOAT(7,3) UNSIGNED, y4 YEAR(4))",
        "INSERT INTO numbers VALUES (42, 1, 18446744073709551615, 12345.678, -0, 3.14159, 1901),"
            + " (0, -1, 0, 0.1, 99999, 0, 2155), (123456, 127, 1, -1e-5, -1, 1e3, NULL), (NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        "CREATE TABLE empty_one (id INT PRIMARY KEY)",
        "CREATE TABLE long_one (id INT PRIMARY KEY, s VARCHAR(300), b VARBINARY(64)) ENGINE=Aria",
        "INSERT INTO long_one SELECT seq, REPEAT(CHAR(32 + seq % 90), 100 + seq % 200), UNHEX(SHA2(seq, 256))"
            + " FROM seq_1_to_12000",
        "CREATE VIEW v AS SELECT id FROM every",
        "CREATE TRIGGER t_ins BEFORE INSERT ON long_one FOR EACH ROW SET NEW.s = CONCAT(NEW.s, '!')");
    return db;
  }

  private String database(String suffix, String... statements) throws Exception {
    String db = my.name(suffix);
    my.execute(null, "CREATE DATABASE `" + db + "`");
    my.execute(db, statements);
    return db;
  }

  private BackupReport backup(String db, MemoryStreams streams, Listener listener, List<String> extra) throws IOException {
    return driver.backup(new BackupRequest(my.node(), MemberSelector.one(db), Kind.FULL, 1, extra), streams, listener);
  }

  private static Map<String, String> sections(String dump) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(dump);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  /** Where two long texts first differ, with some context, or empty when they are equal. */
  private static String firstDifference(String actual, String expected) {
    int i = 0;
    while (i < actual.length() && i < expected.length() && actual.charAt(i) == expected.charAt(i)) {
      i++;
    }
    if (i == actual.length() && i == expected.length()) {
      return "";
    }
    int from = Math.max(0, i - 80);
    return "at " + i + ": written …" + actual.substring(from, Math.min(actual.length(), i + 80))
        + "… where mariadb-dump wrote …" + expected.substring(from, Math.min(expected.length(), i + 80)) + "…";
  }

  private String mariadbDump(String db) throws IOException {
    List<String> argv = new ArrayList<>(List.of("mariadb-dump", "--host=" + MyServer.HOST, "--port=" + my.port,
        "--user=" + MyServer.ADMIN, "--protocol=TCP", "--default-character-set=utf8mb4"));
    argv.addAll(MyBackup.dumpOptions(Kind.FULL));
    argv.addAll(List.of("--databases", db));
    return ChildProcess.capture(new Command("mariadb-dump of " + db, argv));
  }

  @Test
  void rowsReadHere_areByteForByteWhatMariadbDumpWrites_andRestore() throws Exception {
    String db = typesDatabase();
    MemoryStreams streams = new MemoryStreams();
    Listener listener = new Listener();
    BackupReport report = backup(db, streams, listener, List.of());

    assertThat(listener.infos).noneMatch(i -> i.startsWith("rows dumped by mariadb-dump"));
    String ours = new String(streams.bytes(db + "/dump.sql"), StandardCharsets.UTF_8);
    Map<String, String> expected = sections(mariadbDump(db));
    assertThat(expected).containsOnlyKeys("`empty_one`", "`every`", "`long_one`", "`numbers`", "`we``ird ✓`");
    assertThat(expected.get("`long_one`")).as("several INSERT statements").containsPattern("(?s)INSERT.*INSERT.*INSERT");
    Map<String, String> written = sections(ours);
    assertThat(written).containsOnlyKeys(expected.keySet());
    expected.forEach((table, section) -> assertThat(firstDifference(written.get(table), section)).as(table).isEmpty());
    // The triggers come after the rows, so that loading them does not fire the trigger.
    assertThat(ours.indexOf("t_ins")).isGreaterThan(ours.indexOf("INSERT INTO `long_one`"));
    assertThat(ContentCheck.differences(report.members().get(0).tables(), driver.contents(my.node(), db))).isEmpty();
    assertThat(report.members().get(0).tables()).extracting(TableReport::table)
        .containsExactly("empty_one", "every", "long_one", "numbers", "we`ird ✓");

    String copy = my.name("copy");
    driver.restore(report, RestoreRequest.to(my.node()).withTargetDatabase(copy), streams, new Listener());
    assertThat(driver.contents(my.node(), copy)).isEqualTo(driver.contents(my.node(), db));
    assertThat(my.strings(copy, "SELECT s FROM long_one WHERE id = 7")).singleElement()
        .satisfies(s -> assertThat(s).doesNotEndWith("!"));
    assertThat(my.strings(copy, "SELECT COUNT(*) FROM v")).containsExactly("3");
  }

  @Test
  void invisibleColumns_orARowOption_leaveTheRowsToMariadbDump_andTheBackupStillRestores() throws Exception {
    String db = database("inv", "CREATE TABLE t (id INT PRIMARY KEY, hidden INT INVISIBLE DEFAULT 7, v VARCHAR(10))",
        "INSERT INTO t (id, hidden, v) VALUES (1, 8, 'a'), (2, 9, 'b')");
    MemoryStreams streams = new MemoryStreams();
    Listener listener = new Listener();
    BackupReport report = backup(db, streams, listener, List.of());
    assertThat(listener.infos).contains("rows dumped by mariadb-dump: table " + db + ".t has invisible columns");
    String copy = my.name("inv_copy");
    driver.restore(report, RestoreRequest.to(my.node()).withTargetDatabase(copy), streams, new Listener());
    assertThat(my.strings(copy, "SELECT CONCAT(id, ':', hidden) FROM t ORDER BY id")).containsExactly("1:8", "2:9");

    Listener ordered = new Listener();
    backup(db, new MemoryStreams(), ordered, List.of("--order-by-primary"));
    assertThat(ordered.infos).contains("rows dumped by mariadb-dump: extra parameter --order-by-primary");
  }

  /**
   * A backup stopped (a dump failed, the job was aborted) while the rows' query waits for the server:
   * here a table another session holds locked. Closing the connection would wait for the driver's
   * lock, which the waiting query holds, until the server answered; the reader aborts it instead.
   */
  @Test
  void stopWhileTheServerDoesNotAnswer_endsTheReadAtOnce() throws Exception {
    String db = database("stuck", "CREATE TABLE t (id INT PRIMARY KEY) ENGINE=MyISAM", "INSERT INTO t VALUES (1)");
    MyRowReader.Plan plan;
    try (java.sql.Connection c = my.connect(null)) {
      plan = MyRowReader.plan(c, List.of(db), List.of(), java.nio.file.Path.of("mariadb-dump"));
    }
    Cancellation cancellation = new Cancellation();
    try (MyConnector connector = new MyConnector(my.node());
        java.sql.Connection holder = my.connect(db);
        java.sql.Statement lock = holder.createStatement()) {
      lock.execute("LOCK TABLES t WRITE");
      CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
        try (MyRowReader reader = MyRowReader.open(connector);
            Cancellation.Registration stop = reader.stopOn(cancellation)) {
          reader.write(plan.tables().get(db), OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> !my.strings(null, "SELECT ID FROM information_schema.PROCESSLIST"
          + " WHERE STATE LIKE 'Waiting for table%' AND INFO LIKE '% FROM `" + db + "`.`t`'").isEmpty());

      assertTimeoutPreemptively(Duration.ofSeconds(10), cancellation::cancel);

      assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(UncheckedIOException.class).cause().hasMessageContaining("reading the rows of");
      lock.execute("UNLOCK TABLES");
    }
  }

  @Test
  void readerConnectionKilledMidBackup_failsTheBackupNamingTheDatabase() throws Exception {
    String db = database("killed", "CREATE TABLE blobs (id INT PRIMARY KEY, b LONGBLOB)",
        "INSERT INTO blobs SELECT seq, RANDOM_BYTES(1024) FROM seq_1_to_30000");
    AtomicInteger killed = new AtomicInteger();
    AtomicLong written = new AtomicLong();
    MemoryStreams sink = MemoryStreams.beforeEachWrite((stream, b, off, len) -> {
      // Well into the rows: the schema before them is a few kilobytes, the rows 60 MB, more than the sockets between hold.
      if (written.addAndGet(len) > 500_000 && killed.get() == 0) {
        killed.incrementAndGet();
        try {
          for (String id : my.strings(null, "SELECT ID FROM information_schema.PROCESSLIST"
              + " WHERE INFO LIKE '% FROM `" + db + "`.`blobs`' AND ID <> CONNECTION_ID()")) {
            my.execute(null, "KILL CONNECTION " + id);
          }
        } catch (SQLException e) {
          throw new IOException(e);
        }
      }
    });
    assertThatThrownBy(() -> backup(db, sink, new Listener(), List.of()))
        .isInstanceOf(SourceException.class)
        .satisfies(e -> assertThat(((SourceException) e).reason()).isIn(Reason.SERVER_ERROR, Reason.UNREACHABLE))
        .hasMessageContaining(db);
    assertThat(killed.get()).isEqualTo(1);
  }
}
