package io.printerlink.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making and hashing secrets. The {@link SecureRandom} is always the caller's. */
public final class Secrets {
  /** The local secret alphabet: A-Z a-z 0-9. */
  public static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  public static final int LOCAL_SECRET_LENGTH = 32;
  public static final int TOKEN_BYTES = 32;

  private Secrets() {}

  /** 32 characters, uniformly from the 62-character alphabet (no modulo bias). */
  public static Secret newLocalSecret(SecureRandom random) {
    byte[] out = new byte[LOCAL_SECRET_LENGTH];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    Secret secret = Secret.copyOf(out);
    java.util.Arrays.fill(out, (byte) 0);
    return secret;
  }

  /** A bearer token: 32 random bytes, base64url without padding (43 characters). */
  public static Secret newToken(SecureRandom random) {
    byte[] raw = new byte[TOKEN_BYTES];
    random.nextBytes(raw);
    Secret token = Secret.fromText(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    java.util.Arrays.fill(raw, (byte) 0);
    return token;
  }

  /** A fresh nonce: {@code bytes} random bytes as base64url without padding. Not a secret. */
  public static String newNonce(SecureRandom random, int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** Lower-case hex SHA-256 of the secret's bytes: what the relay stores for tokens. */
  public static String sha256Hex(Secret secret) {
    byte[] bytes = secret.bytes(SecretAccess.REVEAL);
    try {
      return HexFormat.of().formatHex(sha256().digest(bytes));
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /** True when {@code text} looks like a local secret (length and alphabet). */
  public static boolean isLocalSecretShape(Secret secret) {
    byte[] bytes = secret.bytes(SecretAccess.REVEAL);
    try {
      if (bytes.length != LOCAL_SECRET_LENGTH) {
        return false;
      }
      for (byte b : bytes) {
        if (ALPHABET.indexOf((char) b) < 0) {
          return false;
        }
      }
      return true;
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
