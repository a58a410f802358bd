package io.coffer.engine.definition;

import io.coffer.catalog.CatalogValidationException;
import io.coffer.engine.node.NodeInfo;
import io.coffer.source.ExtraParameters;
import java.util.List;

/**
 * A definition's or one-off's extra parameters checked against its node's engine ({@link
 * ExtraParameters}), with the refusal in the catalog's words: bad input when someone gives them, a
 * stored row to fix when an older version wrote them.
 */
public final class ExtraParameterCheck {

  private ExtraParameterCheck() {}

  /** The words of {@code text} for a node of {@code engine}; refused with field, value and what is accepted. */
  public static List<String> given(String engine, String text) {
    try {
      return ExtraParameters.parse(engine, text);
    } catch (ExtraParameters.Refused e) {
      throw new CatalogValidationException("extra-parameters", e.word(), e.reason(), e.accepted());
    }
  }

  /** Like {@link #given}, for the value {@code row} (e.g. {@code definition 3}) holds in the catalog. */
  public static List<String> stored(NodeInfo node, String text, String row) {
    try {
      return given(node.engine(), text);
    } catch (CatalogValidationException e) {
      throw e.stored(row);
    }
  }
}
