package io.printerlink.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret value (local secret, proof, session or printer token, password).
 *
 * <p>Modelled on Tink's {@code SecretBytes}: the bytes are copied in and out, there is no
 * {@code equals}/{@code hashCode}, {@link #toString()} never reveals the value, comparison is
 * constant-time, and the value is handed out only to code that passes {@link SecretAccess},
 * so every place that reveals a secret can be found with a grep for {@code SecretAccess}.
 *
 * <p>On the wire a secret is a JSON string; the secret holds that string's UTF-8 bytes.
 */
public final class Secret {
  private final byte[] bytes;

  private Secret(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}. */
  public static Secret copyOf(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("secret bytes must not be null");
    }
    return new Secret(bytes.clone());
  }

  /** Wraps the UTF-8 bytes of {@code text}. */
  public static Secret fromText(CharSequence text) {
    if (text == null) {
      throw new IllegalArgumentException("secret text must not be null");
    }
    return new Secret(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the secret's bytes. */
  public byte[] bytes(SecretAccess access) {
    SecretAccess.check(access);
    return bytes.clone();
  }

  /** The secret's bytes as text (UTF-8). */
  public String text(SecretAccess access) {
    SecretAccess.check(access);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public int length() {
    return bytes.length;
  }

  /** Constant-time comparison (for equal lengths; the length itself is not secret here). */
  public boolean equalsSecret(Secret other) {
    return other != null && MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Overwrites the held bytes; the secret is unusable afterwards. */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
