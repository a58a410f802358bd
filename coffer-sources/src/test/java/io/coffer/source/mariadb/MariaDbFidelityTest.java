package io.coffer.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.model.Kind;
import io.coffer.source.BackupReport;
import io.coffer.source.BackupRequest;
import io.coffer.source.ContentCheck;
import io.coffer.source.Listener;
import io.coffer.source.MemberSelector;
import io.coffer.source.MemoryStreams;
import io.coffer.source.RestoreReport;
import io.coffer.source.RestoreRequest;
import io.coffer.source.SourceJson;
import io.coffer.source.TableReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Back up a database with routines, triggers, events, views, users and grants and utf8mb4 data;
 * drop it and its accounts; restore it under another name; compare the two canonically.
 */
class MariaDbFidelityTest {

  private final MyServer my = new MyServer();
  private final MariaDbDriver driver = new MariaDbDriver();

  @AfterEach
  void cleanUp() throws Exception {
    my.close();
  }

  static String createFidelityDatabase(MyServer my, String suffix) throws Exception {
    String db = my.name(suffix);
    my.script(null, "accounts.sql", ";\n", db);
    my.execute(null, "CREATE DATABASE `" + db + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci COMMENT 'fidelity ü'");
    my.script(db, "schema.sql", ";\n", db);
    my.script(db, "routines.sql", "\n\\$\\$\n", db);
    my.script(null, "grants.sql", ";\n", db);
    return db;
  }

  private List<String> accounts(List<String> labels, String db) throws Exception {
    List<String> out = new ArrayList<>();
    for (String label : labels) {
      String name = label.startsWith("'") ? label : "`" + label + "`";
      if (label.startsWith("'")) {
        out.addAll(my.strings(null, "SHOW CREATE USER " + name));
      }
      List<String> grants = my.strings(null, "SHOW GRANTS FOR " + name);
      grants.sort(null);
      out.addAll(grants);
    }
    return out.stream().map(l -> sortColumnLists(l.replace("`" + db + "`", "`DB`"))).toList();
  }

  /** The server lists a column grant's columns in no particular order. */
  private static String sortColumnLists(String grant) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((`[^)]*`)\\)").matcher(grant);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      List<String> columns = new ArrayList<>(List.of(m.group(1).split(", ")));
      columns.sort(null);
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("(" + String.join(", ", columns) + ")"));
    }
    return m.appendTail(out).toString();
  }

  @Test
  void fullBackup_restoredUnderAnotherNameAfterDroppingItsAccounts_isCanonicallyEqual() throws Exception {
    String src = createFidelityDatabase(my, "src");
    String p = my.prefix;
    List<String> captured = List.of("'" + p + "_app'@'%'", "'" + p + "_app'@'localhost'", "'" + p + "_ünï'@'%'",
        p + "_chief", p + "_reader");
    String schemaBefore = my.schemaDump(src);
    List<TableReport> contentsBefore = driver.contents(my.node(), src);
    List<String> accountsBefore = accounts(captured, src);
    List<String> propsBefore = my.strings(null, "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME, SCHEMA_COMMENT"
        + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + src + "'");

    MemoryStreams streams = new MemoryStreams();
    BackupReport report = driver.backup(new BackupRequest(my.node(), MemberSelector.one(src), Kind.FULL, 1), streams,
        new Listener());

    // Exact matching: app_ro only has a grant on another database.
    assertThat(report.roles()).containsExactlyInAnyOrderElementsOf(captured);
    assertThat(report.members().get(0).tables()).extracting(TableReport::table)
        .containsExactly("Tåble ✓", "audit", "customers", "empty_one", "orders");
    assertThat(report.members().get(0).tables()).filteredOn(t -> t.table().equals("orders"))
        .singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(500));
    assertThat(ContentCheck.differences(report.members().get(0).tables(), contentsBefore)).isEmpty();
    assertThat(new String(streams.bytes(src + "/dump.sql"), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("USE `" + src + "`");
    assertThat(SourceJson.mapper().writeValueAsString(report)).doesNotContain("PASSWORD");

    my.execute(null, "DROP DATABASE `" + src + "`", "DROP USER '" + p + "_app'@'%'", "DROP USER '" + p + "_app'@'localhost'",
        "DROP USER '" + p + "_ünï'@'%'", "DROP ROLE " + p + "_chief", "DROP ROLE " + p + "_reader");

    String dst = my.name("dst");
    RestoreReport restored = driver.restore(report, RestoreRequest.to(my.node()).withTargetDatabase(dst), streams,
        new Listener());

    assertThat(restored.rolesCreated()).containsExactlyInAnyOrderElementsOf(captured);
    assertThat(my.schemaDump(dst)).isEqualTo(schemaBefore);
    assertThat(driver.contents(my.node(), dst)).isEqualTo(contentsBefore);
    assertThat(accounts(captured, dst)).isEqualTo(accountsBefore);
    assertThat(my.strings(null, "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME, SCHEMA_COMMENT"
        + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + dst + "'")).isEqualTo(propsBefore);
    assertThat(my.strings(dst, "SELECT NEXTVAL(ticket)")).containsExactly("110");
    assertThat(my.strings(dst, "SELECT with_tax(4)")).containsExactly("5.00");
  }
}
