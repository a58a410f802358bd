package io.coffer.cli.session;

import io.coffer.cli.output.JsonOutput;
import io.coffer.cli.output.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A result of several rows, printed one of three ways: an aligned table for people, a JSON array of
 * objects (keys are the headers in lower case with dashes) or CSV with a header line for scripts.
 * Values are kept as given so that JSON shows numbers as numbers.
 */
public final class Rows {

  private final List<String> headers;
  private final List<List<Object>> rows = new ArrayList<>();
  private final List<Integer> right = new ArrayList<>();

  public Rows(String... headers) {
    this.headers = List.of(headers);
  }

  /** Right-aligns these columns in the table (sizes, counts). */
  public Rows alignRight(int... columns) {
    for (int column : columns) {
      right.add(column);
    }
    return this;
  }

  public Rows add(Object... values) {
    if (values.length != headers.size()) {
      throw new IllegalArgumentException(values.length + " values for " + headers.size() + " columns");
    }
    rows.add(java.util.Arrays.asList(values));
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out, Format format, String empty) {
    switch (format) {
      case JSON -> JsonOutput.print(out, objects());
      case CSV -> csv(out);
      default -> {
        if (rows.isEmpty()) {
          out.println(empty);
        } else {
          table().print(out);
        }
      }
    }
    out.flush();
  }

  List<Map<String, Object>> objects() {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < headers.size(); i++) {
        object.put(key(headers.get(i)), row.get(i));
      }
      objects.add(object);
    }
    return objects;
  }

  static String key(String header) {
    return header.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  private TextTable table() {
    TextTable table = new TextTable(headers.toArray(String[]::new));
    table.alignRight(right.stream().mapToInt(Integer::intValue).toArray());
    for (List<Object> row : rows) {
      table.row(row.stream().map(v -> v == null ? "" : v).toArray());
    }
    return table;
  }

  private void csv(PrintWriter out) {
    out.println(String.join(",", headers.stream().map(Rows::key).map(Rows::csvCell).toList()));
    for (List<Object> row : rows) {
      out.println(String.join(",", row.stream().map(v -> csvCell(v == null ? "" : v.toString())).toList()));
    }
  }

  static String csvCell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
