package io.coffer.catalog.store;

import java.util.Random;

/** Statements strung together from pieces of SQL that a lexer's rules turn on, for comparing two lexers. */
final class RandomStatements {

  private RandomStatements() {}

  /** Up to {@code most - 1} pieces drawn from {@code pieces}. */
  static String draw(Random random, String[] pieces, int most) {
    StringBuilder sql = new StringBuilder();
    int count = random.nextInt(most);
    for (int i = 0; i < count; i++) {
      sql.append(pieces[random.nextInt(pieces.length)]);
    }
    return sql.toString();
  }
}
