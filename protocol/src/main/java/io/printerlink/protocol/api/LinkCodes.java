package io.printerlink.protocol.api;

import java.util.regex.Pattern;

/** The 6-digit code rule and the agent's tolerant input normalisation ("123 456", "123-456"). */
public final class LinkCodes {
  private static final Pattern SIX_DIGITS = Pattern.compile("^[0-9]{6}$");

  private LinkCodes() {}

  public static String check(String code) {
    if (code == null || !SIX_DIGITS.matcher(code).matches()) {
      throw new IllegalArgumentException("field 'code' must be 6 digits");
    }
    return code;
  }

  /** Strips spaces and dashes; refuses anything that then is not exactly 6 digits. */
  public static String normalize(String typed) {
    if (typed == null) {
      throw new IllegalArgumentException("the code must be 6 digits");
    }
    String digits = typed.replace(" ", "").replace("-", "");
    if (!SIX_DIGITS.matcher(digits).matches()) {
      throw new IllegalArgumentException("the code must be 6 digits (spaces and a dash are fine)");
    }
    return digits;
  }
}
