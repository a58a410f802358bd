package io.coffer.catalog.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Jdbi's SQL parser for the catalog: {@code :name} parameters and {@code ?} positions, found by the
 * rules of Jdbi's own {@link ColonPrefixSqlParser}, which the tests hold it to on random statements.
 *
 * <p>Why not Jdbi's: that one is an ANTLR lexer, and every statement a fresh JVM parses first runs
 * through its interpreted automaton: about 60 ms of a cold command's main thread went there
 * (docs/benchmarks.md, "The catalog's SQL parsed by hand"), a twentieth of a small backup. This is one
 * pass over the characters.
 *
 * <p>The rules, as Jdbi 3.55's lexer has them (found by probing it; the test compares the two):
 * text in single quotes (a backslash may escape a quote), in double quotes (at least one character),
 * in {@code /* … *&#47;} comments and in {@code --} and {@code //} comments to the end of the line is
 * copied as it is; a backslash outside them escapes the next character and is dropped; {@code ::}
 * and {@code ??} are copied; {@code :} followed by name characters (ASCII letters and digits,
 * {@code _ $ .}, anything beyond ASCII, and {@code ?.}) is a named parameter; a lone {@code ?} is a
 * positional one.
 */
public final class ColonParameters implements SqlParser {

  /** Parsed statements, the most recently used kept: the catalog's statements are a few hundred. */
  private final Map<String, ParsedSql> parsed = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ParsedSql> eldest) {
      return size() > 1_000;
    }
  };

  @Override
  public ParsedSql parse(String sql, StatementContext context) {
    synchronized (parsed) {
      ParsedSql known = parsed.get(sql);
      if (known != null) {
        return known;
      }
    }
    ParsedSql fresh = parse(sql);
    synchronized (parsed) {
      parsed.put(sql, fresh);
    }
    return fresh;
  }

  @Override
  public String nameParameter(String rawName, StatementContext context) {
    return ":" + rawName;
  }

  /** The statement with its parameters found. */
  static ParsedSql parse(String sql) {
    ParsedSql.Builder out = ParsedSql.builder();
    StringBuilder literal = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*' && (end = sql.indexOf("*/", i + 2)) >= 0) {
        literal.append(sql, i, end + 2);
        i = end + 2;
      } else if ((c == '-' || c == '/') && i + 1 < n && sql.charAt(i + 1) == c) {
        end = lineEnd(sql, i + 2);
        literal.append(sql, i, end);
        i = end;
      } else if (c == '\'' && (end = singleQuoteEnd(sql, i)) >= 0) {
        literal.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == '"' && i + 1 < n && sql.charAt(i + 1) != '"' && (end = sql.indexOf('"', i + 2)) >= 0) {
        literal.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == '\\' && i + 1 < n) {
        literal.append(sql.charAt(i + 1));
        i += 2;
      } else if ((c == ':' || c == '?') && i + 1 < n && sql.charAt(i + 1) == c) {
        literal.append(c).append(c);
        i += 2;
      } else if (c == ':' && (end = nameEnd(sql, i + 1)) > i + 1) {
        flush(literal, out).appendNamedParameter(sql.substring(i + 1, end));
        i = end;
      } else if (c == '?') {
        flush(literal, out).appendPositionalParameter();
        i++;
      } else {
        literal.append(c);
        i++;
      }
    }
    return flush(literal, out).build();
  }

  private static ParsedSql.Builder flush(StringBuilder literal, ParsedSql.Builder out) {
    if (literal.length() > 0) {
      out.append(literal.toString());
      literal.setLength(0);
    }
    return out;
  }

  /**
   * Where the quoted text opened at {@code open} ends, or -1 when nothing closes it. The lexer takes
   * the longest text it can: any quote after a backslash may be an escaped one, so the text runs to
   * the first quote without a backslash before it, or else to the last quote of all.
   */
  private static int singleQuoteEnd(String sql, int open) {
    int last = -1;
    for (int i = open + 1; i < sql.length(); i++) {
      if (sql.charAt(i) == '\'') {
        if (sql.charAt(i - 1) != '\\') {
          return i;
        }
        last = i;
      }
    }
    return last;
  }

  /** Where the line comment ends: before the first line break at or after {@code from}, or the end. */
  private static int lineEnd(String sql, int from) {
    for (int i = from; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return sql.length();
  }

  /** The end of the parameter name starting at {@code from} (== {@code from} when there is none). */
  private static int nameEnd(String sql, int from) {
    int i = from;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '.') {
        i++;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < sql.length() && Character.isLowSurrogate(sql.charAt(i + 1))) {
          i += 2;
        } else {
          break;
        }
      } else if (c >= 0x80) {
        i++;
      } else if (c == '?' && i + 1 < sql.length() && sql.charAt(i + 1) == '.') {
        i += 2;
      } else {
        break;
      }
    }
    return i;
  }
}
