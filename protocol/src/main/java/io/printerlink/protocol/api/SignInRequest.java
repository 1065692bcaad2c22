package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/** {@code POST /api/v1/sessions}. */
public record SignInRequest(@MaxLength(64) String username, @MaxLength(256) Secret password) {
  public SignInRequest {
    Usernames.check(username);
    Check.notNull(password, "password");
  }
}
