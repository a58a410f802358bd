package io.coffer.source.postgres;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Quoting of identifiers and literals for the SQL this driver writes. */
final class PgIdent {

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

  private PgIdent() {}

  /** Quotes an identifier, always: then no name can be mistaken for a keyword. */
  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** {@code "schema"."name"}. */
  static String qualified(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /** A readable, unambiguous name for stream names: plain identifiers bare, others quoted. */
  static String readable(String identifier) {
    return PLAIN.matcher(identifier).matches() ? identifier : quote(identifier);
  }

  /** A string literal (standard_conforming_strings is on everywhere this is used). */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  static String columnList(List<String> columns) {
    return columns.stream().map(PgIdent::quote).collect(Collectors.joining(", ", "(", ")"));
  }

  /** A libpq connection-string value: single-quoted, with quote and backslash escaped. */
  static String conninfoValue(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
