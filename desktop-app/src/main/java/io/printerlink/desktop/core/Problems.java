package io.printerlink.desktop.core;

import io.printerlink.protocol.ErrorCodes;

/** Plain-words explanations of relay errors, shared by the CLI and the wizard. */
public final class Problems {
  private Problems() {}

  public static String describe(RelayException e) {
    switch (e.code()) {
      case ErrorCodes.MULTIPLE_IN_DISCOVERY:
        return "more than one printer is in discovery on this network, so none is shown;"
            + " close the extra discovery window or link with a code";
      case ErrorCodes.NOT_IN_DISCOVERY:
        return "the printer is no longer in discovery; restart discovery on the printer";
      case ErrorCodes.NETWORK_MISMATCH:
        return "this computer and the printer do not reach the relay from the same network";
      case ErrorCodes.LINK_IN_PROGRESS:
        return "another link request for this printer is already in progress";
      case ErrorCodes.ALREADY_LINKED:
        return "this printer is still linked to another account; it must be unlinked there first,"
            + " or the printer reset";
      case ErrorCodes.RATE_LIMITED:
        // The relay says which limit and, from Retry-After, how long (RelayClient adds it).
        return e.getMessage() == null || e.getMessage().isBlank() ? "too many attempts; wait and try again" : e.getMessage();
      case ErrorCodes.CODE_NOT_FOUND:
        return "no live code has these digits; check the code shown in the app";
      case ErrorCodes.CODE_EXPIRED:
        return "this code has expired; ask for a new one";
      case ErrorCodes.CODE_ALREADY_USED:
        return "this code was already used; ask for a new one";
      case ErrorCodes.BAD_CREDENTIALS:
        return "wrong username or password";
      case ErrorCodes.USERNAME_TAKEN:
        return "that username is already taken";
      case ErrorCodes.UNAUTHORIZED:
        return "the session is no longer valid; sign in again";
      default:
        return e.getMessage() == null || e.getMessage().isBlank() ? e.code() : e.getMessage();
    }
  }
}
