package io.printerlink.desktop.core;

import io.printerlink.protocol.api.LinkCodes;
import java.time.Instant;

/**
 * The account's live 6-digit code and when it expires, on this computer's clock (computed from
 * the relay's remaining life, so a skewed local clock still counts down the right length, C-02).
 * Shown to the user, never logged: {@link #toString()} leaves the digits out.
 */
public record LinkCode(String code, Instant expiresAt) {
  public LinkCode {
    LinkCodes.check(code);
    if (expiresAt == null) {
      throw new IllegalArgumentException("expiresAt is required");
    }
  }

  /** "123 456": how the app shows it. */
  public String grouped() {
    return code.substring(0, 3) + " " + code.substring(3);
  }

  @Override
  public String toString() {
    return "LinkCode[expiresAt=" + expiresAt + "]";
  }
}
