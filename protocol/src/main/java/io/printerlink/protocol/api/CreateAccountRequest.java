package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.OptionalField;
import io.printerlink.protocol.Secret;

/** {@code POST /api/v1/accounts}. Username 3..64 of [a-z0-9._-]; password 8..256 characters. */
public record CreateAccountRequest(
    @MaxLength(64) String username,
    @MaxLength(256) Secret password,
    @OptionalField @MaxLength(100) String displayName) {
  public CreateAccountRequest {
    Usernames.check(username);
    Check.notNull(password, "password");
    if (password.length() < 8) {
      throw new IllegalArgumentException("field 'password' must be at least 8 characters");
    }
    if (displayName != null) {
      Check.notBlank(displayName, "displayName");
    }
  }
}
