package io.printerlink.desktop.core;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.SessionResponse;

/**
 * A signed-in account: ids and names in the open, the bearer token only as a {@link Secret}.
 * Not a record, so the token never shows in {@code toString} or {@code equals}.
 */
public final class Session {
  private final String accountId;
  private final String username;
  private final String displayName;
  private final Secret token;

  Session(String accountId, String username, String displayName, Secret token) {
    this.accountId = accountId;
    this.username = username;
    this.displayName = displayName;
    this.token = token;
  }

  static Session from(SessionResponse response) {
    return new Session(response.accountId(), response.username(), response.displayName(), response.token());
  }

  public String accountId() {
    return accountId;
  }

  public String username() {
    return username;
  }

  public String displayName() {
    return displayName;
  }

  Secret token() {
    return token;
  }

  /**
   * A copy of the bearer token, for an app that remembers the session between runs (in a file
   * only its user can read). The caller destroys the copy.
   */
  public Secret tokenCopy(SecretAccess access) {
    byte[] bytes = token.bytes(access);
    try {
      return Secret.copyOf(bytes);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Forgets the token (after sign-out). */
  void destroy() {
    token.destroy();
  }

  @Override
  public String toString() {
    return "Session[account=" + accountId + ", username=" + username + "]";
  }
}
