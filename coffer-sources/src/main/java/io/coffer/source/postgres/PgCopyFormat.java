package io.coffer.source.postgres;

import java.util.List;
import java.util.Map;

/**
 * Which COPY format a table's rows travel in: binary or text.
 *
 * <p>Binary COPY spares the server the text form's work on every byte: the scan of each line for
 * delimiters and escapes, and each value's output and input functions (numbers and times printed
 * and parsed, bytea as hex). Loading a table back was faster in binary on every shape measured, by
 * about a tenth (short integers and strings) to a half (timestamps, uuids, floats;
 * docs/benchmarks.md). It costs length words: four bytes per field and two per row, where text has
 * one delimiter. Where the values' binary form is shorter than their text (bytea, times,
 * uuids, floats) binary is smaller as well; where they are short in text (small integers, short
 * strings) it is up to twice as long and stores about a quarter larger after compression. So:
 *
 * <ul>
 *   <li>a table with a column of a user-defined type, a type without binary send and receive, or a
 *       reg* type stays text ({@code capable} false): see {@link PgTable};
 *   <li>a table with a bytea column travels in binary (text doubles its bytes);
 *   <li>a table whose every column has an estimate below travels in binary when its estimated binary
 *       row is at most {@link #MAX_GROWTH} times its estimated text row; any other type (numeric,
 *       json, arrays, network types…) keeps it text, since it was not measured or is longer in binary
 *       (numeric).
 * </ul>
 *
 * <p>The estimate reads the planner's average column widths ({@code pg_stats.avg_width}) for strings;
 * a column without statistics counts as {@link #UNKNOWN_WIDTH} bytes. When the statistics change
 * enough to cross the line the table's next backup changes format and stores that table anew once.
 */
final class PgCopyFormat {

  /** Binary is chosen while its row is estimated at most this much longer than the text row. */
  static final double MAX_GROWTH = 1.2;

  /** The width assumed for a string column the planner has no statistics for. */
  static final int UNKNOWN_WIDTH = 16;

  private static final int ROW_HEADER = 2;
  private static final int FIELD_LENGTH = 4;

  /** Fixed-width types: {text bytes with the delimiter, binary value bytes}, typical values. */
  private static final Map<String, int[]> FIXED =
      Map.ofEntries(
          Map.entry("boolean", new int[] {2, 1}),
          Map.entry("smallint", new int[] {4, 2}),
          Map.entry("integer", new int[] {7, 4}),
          Map.entry("bigint", new int[] {9, 8}),
          Map.entry("real", new int[] {10, 4}),
          Map.entry("double precision", new int[] {18, 8}),
          Map.entry("date", new int[] {11, 4}),
          Map.entry("time without time zone", new int[] {16, 8}),
          Map.entry("timestamp without time zone", new int[] {27, 8}),
          Map.entry("timestamp with time zone", new int[] {30, 8}),
          Map.entry("uuid", new int[] {37, 16}));

  /** String types, whose width comes from the statistics. */
  private static final List<String> STRINGS = List.of("text", "character varying", "character", "name");

  private PgCopyFormat() {}

  /**
   * @param capable every column is of a built-in type with binary send and receive, not reg*
   * @param types each column's type ({@code format_type} without modifier)
   * @param widths each column's {@code pg_stats.avg_width}, or a negative number when unknown
   */
  static boolean binary(boolean capable, List<String> types, List<Integer> widths) {
    if (!capable || types.isEmpty()) {
      return false;
    }
    if (types.contains("bytea")) {
      return true;
    }
    long text = 0;
    long binary = ROW_HEADER;
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      int[] fixed = FIXED.get(type);
      if (fixed != null) {
        text += fixed[0];
        binary += FIELD_LENGTH + fixed[1];
      } else if (STRINGS.contains(type)) {
        // avg_width counts the stored value's length header (one byte for short strings), about
        // what text spends on the delimiter.
        int width = widths.get(i) > 0 ? widths.get(i) : UNKNOWN_WIDTH;
        text += width;
        binary += FIELD_LENGTH - 1 + width;
      } else {
        return false;
      }
    }
    return binary <= MAX_GROWTH * text;
  }
}
