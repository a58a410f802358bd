package io.coffer.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.testing.Seeds;
import java.util.Random;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.junit.jupiter.api.Test;

/**
 * The catalog's parser finds what Jdbi's own finds: the same SQL text and the same parameters, or a
 * failure where Jdbi's fails, on statements drawn from the characters its rules turn on.
 */
class ColonParametersTest {

  private static final String[] PIECES = {":", "::", "?", "??", "?.", "'", "\"", "\\", "/*", "*/", "*", "/", ".", "#",
      "_", "a", "Z", "7", " ", "\n", "\r", "-", "--", "//", "=", ",", "(", ")", "é", "\uD83D\uDE00", "$", "[", "]", ":=", "name", "x.y"};

  @Test
  void findsWhatJdbisParserFinds_onRandomStatements() {
    Random random = Seeds.random("ColonParametersTest");
    ColonPrefixSqlParser jdbi = new ColonPrefixSqlParser();
    for (int round = 0; round < 200_000; round++) {
      String statement = RandomStatements.draw(random, PIECES, 14);
      assertThat(outcome(() -> ColonParameters.parse(statement))).as("[%s]", statement)
          .isEqualTo(outcome(() -> jdbi.parse(statement, null)));
    }
  }

  @Test
  void theCatalogsKindsOfStatement() {
    ParsedSql insert = ColonParameters.parse("INSERT INTO node (name, settings) VALUES (:name, :settings::jsonb)");
    assertThat(insert.getSql()).isEqualTo("INSERT INTO node (name, settings) VALUES (?, ?::jsonb)");
    assertThat(insert.getParameters().getParameterNames()).containsExactly("name", "settings");
    ParsedSql quoted = ColonParameters.parse("SELECT ':not' || \"a:b\" /* :c */ FROM t WHERE id = ? AND x IN (?)");
    assertThat(quoted.getSql()).isEqualTo("SELECT ':not' || \"a:b\" /* :c */ FROM t WHERE id = ? AND x IN (?)");
    assertThat(quoted.getParameters().isPositional()).isTrue();
    assertThat(quoted.getParameters().getParameterCount()).isEqualTo(2);
  }

  /** The parsed SQL and its parameters, or the kind of failure. */
  private static String outcome(java.util.function.Supplier<ParsedSql> parse) {
    try {
      ParsedSql parsed = parse.get();
      return parsed.getSql() + " | " + parsed.getParameters().isPositional() + " "
          + parsed.getParameters().getParameterCount() + " " + parsed.getParameters().getParameterNames();
    } catch (RuntimeException e) {
      return "failed: " + e.getClass().getSimpleName();
    }
  }
}
