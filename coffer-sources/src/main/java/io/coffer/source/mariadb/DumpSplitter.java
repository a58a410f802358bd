package io.coffer.source.mariadb;

import io.coffer.source.Newlines;
import io.coffer.source.StreamSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the output of one {@code mariadb-dump --databases a b …} into one stream per database, as
 * it streams. The dump marks each database's section with a comment line {@code -- Current
 * Database: `a`} followed by {@code USE `a`;} and may come back to a database later (views are
 * finished at the end). Each member's stream gets the dump's header (session settings) and its
 * sections, minus the {@code USE} line, so it loads into a database of any name.
 *
 * <p>The hot path: the dump writes one row per line (a 300 MB dump has over a million lines), so
 * per line this only finds the newline and looks at the next line's first byte. Only a line that
 * starts like a marker or a {@code USE} ({@code -} or {@code U}) is collected, up to a short prefix;
 * the ordinary lines between two such lines go to the current member in one piece per write. Each
 * member's bytes also go through a {@link TupleScanner} for the table checksums.
 */
final class DumpSplitter extends OutputStream {

  private static final byte[] MARKER = "-- Current Database: `".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] USE = "USE `".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PREFIX = 1024;

  private final StreamSink sink;
  private final Map<String, String> streamNames;
  private final Map<String, OutputStream> outputs = new LinkedHashMap<>();
  private final Map<String, TupleScanner> scanners = new LinkedHashMap<>();
  private final ByteArrayOutputStream header = new ByteArrayOutputStream();
  private final byte[] prefix = new byte[MAX_PREFIX + 1];
  private int prefixLength;
  private String current;
  /** The current member's stream and scanner; null until its section has had bytes. */
  private OutputStream currentOut;
  private TupleScanner currentScanner;
  private boolean atLineStart = true;
  private boolean prefixMode;

  /** @param streamNames database name to the stream its section goes to */
  DumpSplitter(StreamSink sink, Map<String, String> streamNames) {
    this.sink = sink;
    this.streamNames = streamNames;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int i = off;
    // Ordinary bytes from run to i go to the current member in one piece.
    int run = off;
    while (i < end) {
      if (prefixMode) {
        i = collectPrefix(b, i, end);
        run = i;
        continue;
      }
      if (atLineStart) {
        atLineStart = false;
        if (b[i] == MARKER[0] || b[i] == USE[0]) {
          emit(b, run, i - run);
          prefixMode = true;
          prefixLength = 0;
          continue;
        }
      }
      int newline = Newlines.next(b, i, end);
      if (newline < 0) {
        i = end;
      } else {
        i = newline + 1;
        atLineStart = true;
      }
    }
    emit(b, run, i - run);
  }

  /**
   * Collects a line start that may be a marker or a USE line until it is either a whole short line
   * or clearly ordinary; returns the index after the bytes it took.
   */
  private int collectPrefix(byte[] b, int i, int end) throws IOException {
    while (i < end) {
      byte c = b[i++];
      prefix[prefixLength++] = c;
      if (c == '\n') {
        prefixMode = false;
        atLineStart = true;
        line(prefix, prefixLength);
        return i;
      }
      if (prefixLength > MAX_PREFIX || !(startsLike(MARKER) || startsLike(USE))) {
        prefixMode = false;
        emit(prefix, 0, prefixLength);
        return i;
      }
    }
    return i;
  }

  /** True while the prefix collected so far agrees with the pattern. */
  private boolean startsLike(byte[] pattern) {
    int n = Math.min(prefixLength, pattern.length);
    for (int i = 0; i < n; i++) {
      if (prefix[i] != pattern[i]) {
        return false;
      }
    }
    return true;
  }

  /** A whole short line that may switch the current database. */
  private void line(byte[] line, int length) throws IOException {
    String text = new String(line, 0, length, StandardCharsets.UTF_8).stripTrailing();
    if (text.startsWith("-- Current Database: `") && text.endsWith("`")) {
      String db = unquote(text.substring("-- Current Database: ".length()));
      if (!streamNames.containsKey(db)) {
        throw new IOException("the dump holds database " + db + ", which is not a member of this backup");
      }
      current = db;
      currentOut = outputs.get(db);
      currentScanner = scanners.get(db);
      emit(line, 0, length);
      return;
    }
    if (current != null && text.equals("USE " + quote(current) + ";")) {
      return;
    }
    emit(line, 0, length);
  }

  private void emit(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    if (current == null) {
      header.write(b, off, len);
      return;
    }
    if (currentOut == null) {
      currentOut = open(current);
      currentScanner = scanners.get(current);
    }
    currentOut.write(b, off, len);
    currentScanner.feed(b, off, len);
  }

  /** Creates a member's stream, which starts with the dump's header. */
  private OutputStream open(String db) throws IOException {
    OutputStream out = sink.create(streamNames.get(db));
    outputs.put(db, out);
    scanners.put(db, new TupleScanner());
    out.write(header.toByteArray());
    return out;
  }

  /**
   * Finishes every member stream; a member the dump never mentioned gets the header alone (an empty
   * database still has a stream).
   */
  @Override
  public void close() throws IOException {
    List<IOException> failures = new ArrayList<>();
    try {
      if (prefixMode && prefixLength > 0) {
        prefixMode = false;
        line(prefix, prefixLength);
      }
      for (String db : streamNames.keySet()) {
        if (!outputs.containsKey(db)) {
          open(db);
        }
      }
    } catch (IOException e) {
      failures.add(e);
    }
    for (OutputStream out : outputs.values()) {
      try {
        out.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  /** The row scanner of each member, after {@link #close()}. */
  Map<String, TupleScanner> scanners() {
    return scanners;
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String unquote(String quoted) {
    return quoted.substring(1, quoted.length() - 1).replace("``", "`");
  }
}
