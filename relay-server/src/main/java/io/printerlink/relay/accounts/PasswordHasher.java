package io.printerlink.relay.accounts;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes, stored as {@code pbkdf2-sha256$iterations$salt$hash}
 * (base64url). Each stored hash carries its iteration count, so raising the count later keeps
 * old hashes verifiable.
 */
public final class PasswordHasher {
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final SecureRandom random;
  private final String dummy;

  public PasswordHasher(int iterations, SecureRandom random) {
    this.iterations = iterations;
    this.random = random;
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    this.dummy = SCHEME + "$" + iterations + "$" + b64.encodeToString(new byte[SALT_BYTES]) + "$"
        + b64.encodeToString(new byte[HASH_BITS / 8]);
  }

  public String hash(Secret password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] dk = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String out = SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
    Arrays.fill(dk, (byte) 0);
    return out;
  }

  /** Constant-time check against a stored hash; false for a malformed one. */
  public boolean verify(Secret password, String stored) {
    String[] parts = stored.split("\\$", -1);
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      int iter = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
      byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
      byte[] actual = derive(password, salt, iter);
      try {
        return MessageDigest.isEqual(expected, actual);
      } finally {
        Arrays.fill(actual, (byte) 0);
      }
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the same work as a real check, so unknown usernames take as long as known ones. */
  public void verifyDummy(Secret password) {
    verify(password, dummy);
  }

  private static byte[] derive(Secret password, byte[] salt, int iterations) {
    byte[] utf8 = password.bytes(SecretAccess.REVEAL);
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
    char[] pw = new char[chars.remaining()];
    chars.get(pw);
    Arrays.fill(utf8, (byte) 0);
    if (chars.hasArray()) {
      Arrays.fill(chars.array(), '\0');
    }
    PBEKeySpec spec = new PBEKeySpec(pw, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(pw, '\0');
    }
  }
}
