package io.coffer.catalog;

import io.coffer.model.Engine;
import io.coffer.model.Kind;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the catalog's enumerated values (engine, status, kind…) case-insensitively. */
public final class Enums {

  private Enums() {}

  /**
   * The constant whose name matches {@code value} ignoring case and treating {@code -} as {@code
   * _}; otherwise a {@link CatalogValidationException} listing every accepted value as the enum
   * writes it ({@code postgresql} for engines, {@code RUNNING} for statuses).
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value != null) {
      String wanted = value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(wanted)) {
          return constant;
        }
      }
    }
    String accepted =
        Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    throw new CatalogValidationException(field, (Object) value, accepted);
  }

  /** A kind as a person types it ({@code full}, {@code FULL}); the error names the field {@value Kind#FIELD}. */
  public static Kind kind(String value) {
    return parse(Kind.class, Kind.FIELD, value);
  }

  /**
   * An engine as a person types it ({@code PostgreSQL}), aliases included ({@code pg}, {@code mysql}:
   * see {@link io.coffer.catalog.node.EngineAliases}); the error names the field {@value Engine#FIELD}.
   */
  public static Engine engine(String value) {
    return parse(Engine.class, Engine.FIELD, io.coffer.catalog.node.EngineAliases.resolve(value));
  }
}
