package io.coffer.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Labelled values, one a line with the values aligned: the human form of a single result. */
public final class Fields {

  private record Field(String label, String value) {}

  private final List<Field> fields = new ArrayList<>();

  public Fields add(String label, Object value) {
    fields.add(new Field(label, String.valueOf(value)));
    return this;
  }

  public void print(PrintWriter out) {
    int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0);
    for (Field f : fields) {
      out.println("  " + f.label() + " ".repeat(width - f.label().length() + 2) + f.value());
    }
    out.flush();
  }
}
