package io.coffer.server.http;

import io.coffer.catalog.CatalogValidationException;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The named values of a request, wherever they came from: a JSON body ({@link JsonBody}) or a
 * console form ({@link #form}). The API and the console read a definition, a node change or a
 * restore through this one interface, so both refuse the same values with the same words.
 */
public interface RequestFields {

  /** The text of a field; empty when it is absent (or, in a form, left blank). */
  Optional<String> string(String name);

  /** A whole number from {@code min} to {@code max}; anything else is a 400 naming the field. */
  Optional<Integer> integer(String name, int min, int max);

  /** True or false; anything else is a 400 naming the field. */
  Optional<Boolean> bool(String name);

  /**
   * Named texts: a JSON object of strings, or in a form the fields {@code <name>.<key>} (one text
   * field per key; a blank one counts as absent). Empty when there are none.
   */
  Map<String, String> map(String name);

  /** The text of a field that must be there; a 400 naming it and {@code accepted} otherwise. */
  default String required(String name, String accepted) {
    return string(name).orElseThrow(() -> new ApiException(400, name + " is missing; accepted: " + accepted, name));
  }

  /**
   * A field read by one of the catalog's parsers. Its refusal keeps its words but names this field:
   * the parser of a schedule calls its value {@code cron}, the request calls it {@code schedule}.
   */
  default <T> Optional<T> parsed(String name, Function<String, T> parser) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(text.get().strip()));
    } catch (CatalogValidationException e) {
      throw new ApiException(400, e.getMessage(), name);
    }
  }

  /** The fields of a posted form; a blank one counts as absent (the form leaves it unchanged). */
  static RequestFields form(Context ctx) {
    return new RequestFields() {
      @Override
      public Optional<String> string(String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
      }

      @Override
      public Optional<Integer> integer(String name, int min, int max) {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
          return Optional.empty();
        }
        try {
          int value = Integer.parseInt(text.get().strip());
          if (value >= min && value <= max) {
            return Optional.of(value);
          }
        } catch (NumberFormatException e) {
          // refused below, with the value and what is accepted
        }
        throw ApiException.badValue(name, text.get(), "a whole number from " + min + " to " + max);
      }

      @Override
      public Map<String, String> map(String name) {
        Map<String, String> map = new TreeMap<>();
        ctx.formParamMap().forEach((field, values) -> {
          String value = values.isEmpty() ? "" : values.get(0);
          if (field.startsWith(name + ".") && field.length() > name.length() + 1 && !value.isBlank()) {
            map.put(field.substring(name.length() + 1), value);
          }
        });
        return map;
      }

      /** A checkbox sends {@code on} when ticked and nothing when not; a hidden field carries {@code true}. */
      @Override
      public Optional<Boolean> bool(String name) {
        return string(name).map(text -> switch (text.strip()) {
          case "on", "true" -> true;
          case "false" -> false;
          default -> throw ApiException.badValue(name, text, "true or false (a ticked box sends on)");
        });
      }
    };
  }
}
