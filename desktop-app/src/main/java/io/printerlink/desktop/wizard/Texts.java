package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.Problems;
import io.printerlink.desktop.core.RelayException;
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

  /**
   * A relay error in plain words from the bundle ({@code problem.<CODE>}, given the relay's or the
   * core's own message as {0}); a code without an entry falls back to the linking core's words.
   */
  public String problem(RelayException e) {
    String key = "problem." + e.code();
    if (bundle.containsKey(key)) {
      return get(key, e.getMessage() == null ? "" : e.getMessage());
    }
    return Problems.describe(e);
  }

  public String get(String key, Object... args) {
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
  }
}
