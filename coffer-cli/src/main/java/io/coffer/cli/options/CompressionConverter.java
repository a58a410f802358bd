package io.coffer.cli.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --compression} option; picocli prefixes the option name to the message. */
public final class CompressionConverter implements ITypeConverter<Compression> {
  @Override
  public Compression convert(String value) {
    try {
      return Compression.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
