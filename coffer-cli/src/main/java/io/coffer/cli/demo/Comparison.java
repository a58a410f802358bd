package io.coffer.cli.demo;

import io.coffer.cli.output.TextTable;
import io.coffer.source.TableReport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo's proof that a restore equals its source: each table's row count and content checksum
 * on both sides, and one checksum over all tables of each.
 */
record Comparison(List<Table> tables, String sourceChecksum, String restoredChecksum, boolean equal) {

  /** One table on both sides. */
  record Table(String table, long sourceRows, long restoredRows, String sourceChecksum, String restoredChecksum) {
    boolean equal() {
      return sourceRows == restoredRows && sourceChecksum.equals(restoredChecksum);
    }
  }

  static Comparison of(List<TableReport> source, List<TableReport> restored) {
    Map<String, TableReport> byName = restored.stream()
        .collect(Collectors.toMap(TableReport::qualifiedName, Function.identity()));
    List<Table> tables = new ArrayList<>();
    for (TableReport s : source) {
      TableReport r = byName.get(s.qualifiedName());
      tables.add(new Table(s.qualifiedName(), s.rows(), r == null ? -1 : r.rows(), s.checksum(),
          r == null ? "(missing)" : r.checksum()));
    }
    String a = checksum(source);
    String b = checksum(restored);
    boolean equal = source.size() == restored.size() && tables.stream().allMatch(Table::equal) && a.equals(b);
    return new Comparison(tables, a, b, equal);
  }

  void print(PrintWriter out) {
    TextTable table = new TextTable("TABLE", "ROWS", "RESTORED ROWS", "CHECKSUM",
        "RESTORED CHECKSUM", "EQUAL").alignRight(1, 2);
    for (Table t : tables) {
      table.row(t.table(), t.sourceRows(), t.restoredRows(), t.sourceChecksum().substring(0, 16),
          t.restoredChecksum().length() < 16 ? t.restoredChecksum() : t.restoredChecksum().substring(0, 16),
          t.equal() ? "yes" : "NO");
    }
    table.print(out);
    out.println("content checksum of shop.db:          " + sourceChecksum);
    out.println("content checksum of shop-restored.db: " + restoredChecksum);
    out.flush();
  }

  /** SHA-256 over every table's name, row count and checksum, in table order. */
  private static String checksum(List<TableReport> tables) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      tables.stream().sorted((x, y) -> x.qualifiedName().compareTo(y.qualifiedName())).forEach(t -> sha256.update(
          (t.qualifiedName() + " " + t.rows() + " " + t.checksum() + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
