package io.printerlink.protocol.api;

import java.util.regex.Pattern;

/** The username rule, shared by sign-up and sign-in. */
public final class Usernames {
  private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,63}$");

  private Usernames() {}

  public static String check(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "field 'username' must be 3 to 64 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
    }
    return username;
  }
}
