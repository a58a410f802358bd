package io.coffer.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.testing.Seeds;
import java.util.Random;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.junit.jupiter.api.Test;

/**
 * A statement the catalog's template engine passes through unrendered is one Jdbi's engine would
 * render to itself; anything that may hold an attribute or an escape goes to Jdbi's.
 */
class AttributeTemplatesTest {

  private static final String[] PIECES = {"<", ">", "<>", "<=", ">=", "a", "Z", "_", "9", " ", "'", "\"", "/*", "*/",
      "-", "ids", ":", "?", "(", ")", "é", "\uD83D\uDE00", "\n", "#", "$", ".", "\\"};

  @Test
  void whatPassesThroughIsWhatJdbisEngineRendersToItself() {
    Random random = Seeds.random("AttributeTemplatesTest");
    DefinedAttributeTemplateEngine jdbi = new DefinedAttributeTemplateEngine();
    ConfigRegistry config = new ConfigRegistry();
    int plain = 0;
    for (int round = 0; round < 100_000; round++) {
      String template = RandomStatements.draw(random, PIECES, 12);
      if (AttributeTemplates.plain(template)) {
        plain++;
        // No attribute to look up, so Jdbi's rendering needs no statement context.
        assertThat(jdbi.parse(template, config).orElseThrow().apply(null)).as("[%s]", template).isEqualTo(template);
      }
    }
    assertThat(plain).as("statements passed through").isGreaterThan(10_000);
  }

  @Test
  void attributesAndEscapesGoToJdbisEngine() {
    assertThat(AttributeTemplates.plain("select * from agent where id in (<ids>)")).isFalse();
    assertThat(AttributeTemplates.plain("select '<ids>'")).as("Jdbi's engine decides about quotes").isFalse();
    assertThat(AttributeTemplates.plain("select 'a\\'b'")).isFalse();
    assertThat(AttributeTemplates.plain("select * from job where lease_until < :now and a <> b and c<d")).isTrue();
  }
}
