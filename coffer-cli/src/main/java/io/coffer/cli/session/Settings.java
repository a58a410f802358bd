package io.coffer.cli.session;

import io.coffer.catalog.CatalogValidationException;

/** {@code KEY=VALUE} as given to {@code --set}. */
public final class Settings {

  private Settings() {}

  public static String[] split(String setting) {
    int equals = setting.indexOf('=');
    if (equals < 1) {
      throw new CatalogValidationException("set", setting, "KEY=VALUE, e.g. retention_period=2 weeks");
    }
    return new String[] {setting.substring(0, equals).strip(), setting.substring(equals + 1).strip()};
  }
}
