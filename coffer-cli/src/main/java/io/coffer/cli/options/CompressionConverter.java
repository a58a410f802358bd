package io.coffer.cli.options;

/** The {@code --compression} option. */
public final class CompressionConverter extends ValidatingConverter<Compression> {
  public CompressionConverter() {
    super(Compression::parse);
  }
}
