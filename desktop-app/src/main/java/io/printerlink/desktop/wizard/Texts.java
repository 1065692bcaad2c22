package io.printerlink.desktop.wizard;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The wizard's words, from its resource bundle; {@code {0}}-style arguments are filled in. */
public final class Texts {
  private final ResourceBundle bundle;

  public Texts(ResourceBundle bundle) {
    if (bundle == null) {
      throw new IllegalArgumentException("bundle is required");
    }
    this.bundle = bundle;
  }

  public ResourceBundle bundle() {
    return bundle;
  }

  public String get(String key, Object... args) {
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
  }
}
