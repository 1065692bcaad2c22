package io.printerlink.desktop.core;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.Usernames;

/**
 * A username and password for the relay. {@code createAccount} asks the core to create the
 * account instead of signing in (the embedded environment's local account).
 */
public final class Credentials {
  private final String username;
  private final Secret password;
  private final boolean createAccount;

  public Credentials(String username, Secret password, boolean createAccount) {
    this.username = Usernames.check(username);
    if (password == null) {
      throw new IllegalArgumentException("password is required");
    }
    this.password = password;
    this.createAccount = createAccount;
  }

  public String username() {
    return username;
  }

  public Secret password() {
    return password;
  }

  public boolean createAccount() {
    return createAccount;
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + "]";
  }
}
