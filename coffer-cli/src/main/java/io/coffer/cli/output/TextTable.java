package io.coffer.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table: a header row, then rows; columns separated by two spaces, numeric columns
 * right-aligned, the last column never padded so lines carry no trailing blanks.
 */
public final class TextTable {

  private final List<String> headers;
  private final boolean[] right;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(String... headers) {
    this.headers = List.of(headers);
    this.right = new boolean[headers.length];
  }

  /** Right-aligns the columns at {@code indexes} (sizes and counts read better that way). */
  public TextTable alignRight(int... indexes) {
    for (int i : indexes) {
      right[i] = true;
    }
    return this;
  }

  public TextTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c == null ? "" : c.toString());
    }
    rows.add(r);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out) {
    int[] width = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width.length; i++) {
        String cell = r.get(i);
        boolean last = i == width.length - 1;
        String pad = " ".repeat(width[i] - cell.length());
        if (right[i]) {
          line.append(pad).append(cell);
        } else {
          line.append(cell).append(last ? "" : pad);
        }
        if (!last) {
          line.append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
