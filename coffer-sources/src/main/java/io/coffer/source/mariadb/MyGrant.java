package io.coffer.source.mariadb;

/**
 * One line of {@code SHOW GRANTS}.
 *
 * @param scope what it grants on
 * @param database for DATABASE scope: the database (or database pattern) it names
 * @param before the statement text before the quoted database name (DATABASE scope), or all of it
 * @param after the statement text after the quoted database name
 */
record MyGrant(Scope scope, String database, String before, String after) {

  /** What a grant applies to, which decides when a restore re-applies it. */
  enum Scope {
    /** {@code ON *.*} and PROXY: part of the account itself. */
    GLOBAL,
    /** {@code GRANT role TO account}. */
    ROLE,
    /** {@code SET DEFAULT ROLE}. */
    DEFAULT_ROLE,
    /** On a database or an object in it. */
    DATABASE
  }

  /** The statement, naming {@code target} instead of the captured database. */
  String render(String target) {
    return scope == Scope.DATABASE ? before + DumpSplitter.quote(target) + after : before;
  }
}
