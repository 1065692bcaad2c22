package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/**
 * {@code POST /api/v1/link-codes}: the account's one live 6-digit code and its remaining life on
 * the relay's clock. Asking again while it lives returns the same code. Not a secret in the
 * Secret-type sense (the user reads it off the screen), but never logged.
 */
public record LinkCodeResponse(@MaxLength(6) String code, long expiresInSeconds) {
  public LinkCodeResponse {
    LinkCodes.check(code);
    Check.range(expiresInSeconds, 0, 600, "expiresInSeconds");
  }
}
