package io.coffer.source.mariadb;

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
 * <p>Only line starts are inspected, and only up to a short prefix; everything else is copied in
 * bulk. Each member's bytes also go through a {@link TupleScanner} for the table checksums.
 */
final class DumpSplitter extends OutputStream {

  private static final byte[] MARKER = "-- Current Database: `".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PREFIX = 1024;

  private final StreamSink sink;
  private final Map<String, String> streamNames;
  private final Map<String, OutputStream> outputs = new LinkedHashMap<>();
  private final Map<String, TupleScanner> scanners = new LinkedHashMap<>();
  private final ByteArrayOutputStream header = new ByteArrayOutputStream();
  private final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
  private String current;
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
    while (i < end) {
      if (atLineStart) {
        atLineStart = false;
        prefixMode = true;
        prefix.reset();
      }
      if (prefixMode) {
        // Collect the line start until it is either a whole short line or clearly ordinary.
        while (i < end && prefixMode) {
          byte c = b[i++];
          prefix.write(c);
          if (c == '\n') {
            prefixMode = false;
            atLineStart = true;
            line(prefix.toByteArray());
          } else if (prefix.size() > MAX_PREFIX || !couldBeSpecial(prefix.toByteArray())) {
            prefixMode = false;
            emit(prefix.toByteArray(), 0, prefix.size());
          }
        }
        continue;
      }
      int start = i;
      while (i < end && b[i] != '\n') {
        i++;
      }
      if (i < end) {
        i++;
        atLineStart = true;
      }
      emit(b, start, i - start);
    }
  }

  /** True while the bytes so far could still be a marker or USE line. */
  private boolean couldBeSpecial(byte[] line) {
    return startsLike(line, MARKER) || startsLike(line, "USE `".getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean startsLike(byte[] line, byte[] pattern) {
    int n = Math.min(line.length, pattern.length);
    for (int i = 0; i < n; i++) {
      if (line[i] != pattern[i]) {
        return false;
      }
    }
    return true;
  }

  /** A whole short line that may switch the current database. */
  private void line(byte[] line) throws IOException {
    String text = new String(line, StandardCharsets.UTF_8).stripTrailing();
    if (text.startsWith("-- Current Database: `") && text.endsWith("`")) {
      String db = unquote(text.substring("-- Current Database: ".length()));
      if (!streamNames.containsKey(db)) {
        throw new IOException("the dump holds database " + db + ", which is not a member of this backup");
      }
      current = db;
      emit(line, 0, line.length);
      return;
    }
    if (current != null && text.equals("USE " + quote(current) + ";")) {
      return;
    }
    emit(line, 0, line.length);
  }

  private void emit(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    if (current == null) {
      header.write(b, off, len);
      return;
    }
    OutputStream out = outputs.get(current);
    if (out == null) {
      out = sink.create(streamNames.get(current));
      outputs.put(current, out);
      scanners.put(current, new TupleScanner());
      out.write(header.toByteArray());
    }
    out.write(b, off, len);
    scanners.get(current).feed(b, off, len);
  }

  /**
   * Finishes every member stream; a member the dump never mentioned gets the header alone (an empty
   * database still has a stream).
   */
  @Override
  public void close() throws IOException {
    List<IOException> failures = new ArrayList<>();
    try {
      if (prefixMode && prefix.size() > 0) {
        prefixMode = false;
        line(prefix.toByteArray());
      }
      for (String db : streamNames.keySet()) {
        if (!outputs.containsKey(db)) {
          OutputStream out = sink.create(streamNames.get(db));
          outputs.put(db, out);
          scanners.put(db, new TupleScanner());
          out.write(header.toByteArray());
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
