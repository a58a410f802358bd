package io.coffer.cli.options;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns a parser's IllegalArgumentException into picocli's conversion error, which picocli prefixes
 * with the option's name: together the message names the option, the value and what is accepted.
 */
abstract class ValidatingConverter<T> implements ITypeConverter<T> {

  private final Function<String, T> parser;

  ValidatingConverter(Function<String, T> parser) {
    this.parser = parser;
  }

  @Override
  public T convert(String value) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
