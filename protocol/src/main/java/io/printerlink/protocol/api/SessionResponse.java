package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/** Answer to sign-in (and to account creation): the bearer session token. */
public record SessionResponse(
    String accountId, @MaxLength(64) String username, @MaxLength(100) String displayName, @MaxLength(64) Secret token) {
  public SessionResponse {
    Check.id(accountId, "accountId");
    Check.notNull(username, "username");
    Check.notNull(displayName, "displayName");
    Check.notNull(token, "token");
  }
}
