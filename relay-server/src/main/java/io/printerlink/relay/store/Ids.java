package io.printerlink.relay.store;

import java.security.SecureRandom;
import java.util.Base64;

/** Relay-made ids: a prefix and 16 random bytes in base64url ({@code acc_…}, {@code lr_…}, {@code prn_…}). */
public final class Ids {
  public static final String ACCOUNT = "acc_";
  public static final String LINK_REQUEST = "lr_";
  public static final String PRINTER = "prn_";

  private final SecureRandom random;

  public Ids(SecureRandom random) {
    this.random = random;
  }

  public String next(String prefix) {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
