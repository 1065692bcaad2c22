package io.printerlink.protocol;

/**
 * The explicit, greppable permission to reveal a {@link Secret}. Every call site that passes
 * {@link #REVEAL} is a place where a secret leaves its wrapper: review each one.
 */
public final class SecretAccess {
  /** The only instance. */
  public static final SecretAccess REVEAL = new SecretAccess();

  private SecretAccess() {}

  static void check(SecretAccess access) {
    if (access != REVEAL) {
      throw new SecurityException("secret access denied");
    }
  }

  @Override
  public String toString() {
    return "SecretAccess";
  }
}
