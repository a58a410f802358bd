package io.coffer.cli.session;

import io.coffer.cli.output.Fields;
import io.coffer.cli.output.JsonOutput;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A result about one thing: labelled values aligned for people, a JSON object, or CSV lines of
 * {@code field,value}. Optional tables (a backup's streams) follow the fields.
 */
public final class Details {

  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final Map<String, Rows> tables = new LinkedHashMap<>();

  public Details add(String label, Object value) {
    fields.put(label, value);
    return this;
  }

  /** A table printed after the fields under {@code title}, and a JSON array under its key. */
  public Details table(String title, Rows rows) {
    tables.put(title, rows);
    return this;
  }

  void print(PrintWriter out, Format format) {
    switch (format) {
      case JSON -> {
        Map<String, Object> object = new LinkedHashMap<>();
        fields.forEach((label, value) -> object.put(Rows.key(label), value));
        tables.forEach((title, rows) -> object.put(Rows.key(title), rows.objects()));
        JsonOutput.print(out, object);
      }
      case CSV -> {
        out.println("field,value");
        fields.forEach((label, value) -> out.println(Rows.csvCell(Rows.key(label)) + ","
            + Rows.csvCell(value == null ? "" : value.toString())));
      }
      default -> {
        Fields human = new Fields();
        fields.forEach((label, value) -> human.add(label, value == null ? "" : value));
        human.print(out);
        tables.forEach((title, rows) -> {
          out.println();
          out.println(title + ":");
          rows.print(out, Format.TABLE, "  (none)");
        });
      }
    }
    out.flush();
  }
}
