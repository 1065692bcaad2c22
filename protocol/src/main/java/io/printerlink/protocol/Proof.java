package io.printerlink.protocol;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link proof of PROTOCOL.md step 5:
 * {@code HMAC-SHA256(key = local secret, message = "printerlink-v1|" + instanceId + "|" + accountId + "|" + nonce)},
 * sent as base64url without padding. The relay forwards it; only the agent, which holds the
 * local secret, can check it. It binds the proof to one account and one request (nonce).
 */
public final class Proof {
  public static final String CONTEXT = "printerlink-v1";

  private Proof() {}

  public static Secret compute(Secret localSecret, String instanceId, String accountId, String nonce) {
    if (instanceId == null || accountId == null || nonce == null) {
      throw new IllegalArgumentException("instanceId, accountId and nonce are required");
    }
    byte[] key = localSecret.bytes(SecretAccess.REVEAL);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag = mac.doFinal(
          Secrets.utf8(CONTEXT + "|" + instanceId + "|" + accountId + "|" + nonce));
      Secret proof = Secret.fromText(Base64.getUrlEncoder().withoutPadding().encodeToString(tag));
      Arrays.fill(tag, (byte) 0);
      return proof;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Recomputes and compares in constant time. */
  public static boolean verify(
      Secret localSecret, String instanceId, String accountId, String nonce, Secret presented) {
    Secret expected = compute(localSecret, instanceId, accountId, nonce);
    try {
      return expected.equalsSecret(presented);
    } finally {
      expected.destroy();
    }
  }
}
