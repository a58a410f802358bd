package io.coffer.catalog.store;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Jdbi's template engine for the catalog: {@code <name>} attributes (what {@code bindList} defines)
 * rendered by Jdbi's own {@link DefinedAttributeTemplateEngine}, and every statement that cannot hold
 * one passed through as it is.
 *
 * <p>Why: Jdbi's engine runs each statement through an ANTLR lexer, whose first statements in a fresh
 * JVM cost a cold command tens of milliseconds (docs/benchmarks.md, "The catalog's SQL parsed by
 * hand"), though most of the catalog's statements have no attribute at all. Its lexer changes a
 * statement only at an attribute ({@code <}, name characters, {@code >}) or at a backslash (dropped
 * before the character it escapes); a statement with neither renders to itself, so it skips the
 * lexer here, and any other goes to Jdbi's engine.
 */
public final class AttributeTemplates implements TemplateEngine {

  private final DefinedAttributeTemplateEngine defined = new DefinedAttributeTemplateEngine();

  @Override
  public String render(String template, StatementContext context) {
    return plain(template) ? template : defined.render(template, context);
  }

  @Override
  public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
    return plain(template) ? Optional.of(context -> template) : defined.parse(template, config);
  }

  /** Whether the template has no backslash and nothing of the shape of an attribute, anywhere. */
  static boolean plain(String template) {
    if (template.indexOf('\\') >= 0) {
      return false;
    }
    for (int lt = template.indexOf('<'); lt >= 0; lt = template.indexOf('<', lt + 1)) {
      int i = lt + 1;
      while (i < template.length() && nameCharacter(template.charAt(i))) {
        i++;
      }
      if (i > lt + 1 && i < template.length() && template.charAt(i) == '>') {
        return false;
      }
    }
    return true;
  }

  /** Generous on purpose (Jdbi's lexer takes letters beyond ASCII too): a wrong yes only costs a lexing. */
  private static boolean nameCharacter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 || "_$.#".indexOf(c) >= 0;
  }
}
