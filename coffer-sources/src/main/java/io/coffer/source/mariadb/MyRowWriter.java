package io.coffer.source.mariadb;

import io.coffer.source.ContentDigest;
import io.coffer.source.mariadb.MyTable.Rendering;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Writes one table's data section exactly as {@code mariadb-dump --quick --hex-blob
 * --single-transaction} writes it (the same lines, values and statement breaks), from a result set
 * of {@link MyTable#select()}, and hashes each row's text into the table's {@link ContentDigest}
 * as {@link TupleScanner} would hash mariadb-dump's. Byte-for-byte sameness is what lets a verification that
 * dumps the restored copy with mariadb-dump compare checksums with this backup's.
 *
 * <p>The hot path of a MariaDB backup: one row at a time is rendered into a reused buffer, character
 * data goes from the driver's bytes to the buffer with one table look-up per byte, and nothing else is
 * allocated per value except what the driver hands over. Not thread-safe.
 */
final class MyRowWriter {

  /**
   * mariadb-dump's default {@code --net-buffer-length} (1 MiB - 1025, which its option parser rounds
   * down to a whole KiB): a multi-row INSERT stays below it.
   */
  static final long NET_BUFFER_LENGTH = 1022 * 1024;

  private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "NULL".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY = "''".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ROW_BREAK = ",\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STATEMENT_END = ";\n".getBytes(StandardCharsets.US_ASCII);
  /** What mysql_real_escape_string writes after a backslash for each byte it escapes; 0: copied as is. */
  private static final byte[] ESCAPES = new byte[256];

  static {
    ESCAPES[0] = '0';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
    ESCAPES['\\'] = '\\';
    ESCAPES['\''] = '\'';
    ESCAPES['"'] = '"';
    ESCAPES[26] = 'Z';
  }

  private byte[] row = new byte[1 << 12];
  private int length;

  /** Writes the section of {@code table} from {@code rows} to {@code out}; returns the rows written. */
  long write(MyTable table, ResultSet rows, OutputStream out, ContentDigest digest) throws SQLException, IOException {
    String quoted = DumpSplitter.quote(table.name());
    out.write(("\n--\n-- Dumping data for table " + quoted + "\n--\n\n"
        + "LOCK TABLES " + quoted + " WRITE;\n"
        + "/*!40000 ALTER TABLE " + quoted + " DISABLE KEYS */;\n").getBytes(StandardCharsets.UTF_8));
    byte[] insert = ("INSERT INTO " + quoted + " VALUES\n").getBytes(StandardCharsets.UTF_8);
    Rendering[] columns = table.columns().stream().map(MyTable.Column::rendering).toArray(Rendering[]::new);
    if (rows.getMetaData().getColumnCount() != columns.length) {
      throw new IOException("table " + table.qualified() + " has " + rows.getMetaData().getColumnCount()
          + " columns, not the " + columns.length + " it had when the backup began: was it altered meanwhile?");
    }
    // As mariadb-dump counts: the first row always starts a statement.
    long total = NET_BUFFER_LENGTH;
    long initLength = insert.length + 4;
    long count = 0;
    while (rows.next()) {
      length = 0;
      append((byte) '(');
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          append((byte) ',');
        }
        value(rows, i + 1, columns[i]);
      }
      append((byte) ')');
      digest.update(row, 1, length - 2);
      digest.endRow();
      long rowLength = 2L + length;
      if (total + rowLength < NET_BUFFER_LENGTH) {
        total += rowLength;
        out.write(ROW_BREAK);
      } else {
        if (count > 0) {
          out.write(STATEMENT_END);
        }
        out.write(insert);
        total = rowLength + initLength;
      }
      out.write(row, 0, length);
      count++;
    }
    if (count > 0) {
      out.write(STATEMENT_END);
    }
    out.write(("/*!40000 ALTER TABLE " + quoted + " ENABLE KEYS */;\nUNLOCK TABLES;\n").getBytes(StandardCharsets.UTF_8));
    return count;
  }

  private void value(ResultSet rows, int column, Rendering rendering) throws SQLException {
    if (rendering == Rendering.NUMBER) {
      number(rows.getString(column));
      return;
    }
    byte[] v = rows.getBytes(column);
    if (v == null) {
      append(NULL);
    } else if (v.length == 0) {
      append(EMPTY);
    } else if (rendering == Rendering.HEX) {
      hex(v);
    } else {
      quoted(v);
    }
  }

  /** A numeric value as the server sent it (ASCII digits, sign, point, exponent): unquoted. */
  private void number(String v) {
    if (v == null) {
      append(NULL);
    } else if (v.isEmpty()) {
      append(EMPTY);
    } else if (letter(v, 0) || (v.charAt(0) == '-' && letter(v, 1))) {
      // mariadb-dump writes inf, -inf and nan as NULL.
      append(NULL);
    } else {
      int n = v.length();
      ensure(n);
      byte[] r = row;
      int p = length;
      for (int i = 0; i < n; i++) {
        r[p++] = (byte) v.charAt(i);
      }
      length = p;
    }
  }

  private static boolean letter(String v, int at) {
    if (at >= v.length()) {
      return false;
    }
    int c = v.charAt(at) | 0x20;
    return c >= 'a' && c <= 'z';
  }

  private void hex(byte[] v) {
    ensure(2 + 2 * v.length);
    byte[] r = row;
    int p = length;
    r[p++] = '0';
    r[p++] = 'x';
    for (byte b : v) {
      r[p++] = HEX_DIGITS[(b >> 4) & 0xf];
      r[p++] = HEX_DIGITS[b & 0xf];
    }
    length = p;
  }

  /** Quotes and escapes like mysql_real_escape_string; UTF-8's multi-byte sequences never hold a byte it escapes. */
  private void quoted(byte[] v) {
    ensure(2 + 2 * v.length);
    byte[] r = row;
    int p = length;
    r[p++] = '\'';
    for (byte b : v) {
      byte escape = ESCAPES[b & 0xff];
      if (escape == 0) {
        r[p++] = b;
      } else {
        r[p++] = '\\';
        r[p++] = escape;
      }
    }
    r[p++] = '\'';
    length = p;
  }

  private void append(byte b) {
    ensure(1);
    row[length++] = b;
  }

  private void append(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, row, length, b.length);
    length += b.length;
  }

  private void ensure(int more) {
    if (length + more > row.length) {
      row = Arrays.copyOf(row, Math.max(row.length * 2, length + more + 16));
    }
  }
}
