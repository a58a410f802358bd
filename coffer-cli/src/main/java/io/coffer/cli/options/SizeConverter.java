package io.coffer.cli.options;

/** Size options such as {@code --pack-size 16M}. */
public final class SizeConverter extends ValidatingConverter<Long> {
  public SizeConverter() {
    super(Sizes::parse);
  }
}
