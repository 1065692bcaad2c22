package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProofTest {
  private final Secret secret = Secret.fromText("abcdefghijABCDEFGHIJ0123456789xy");
  private final String id = "0f8fad5b-d9cb-469f-a165-70867728950e";

  @Test
  void knownAnswer() {
    // HMAC-SHA256("abcdefghijABCDEFGHIJ0123456789xy", "printerlink-v1|<id>|acc_1|nonce0000000000000000"), base64url
    Secret p = Proof.compute(secret, id, "acc_1", "nonce0000000000000000");
    assertThat(p.text(SecretAccess.REVEAL)).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Proof.verify(secret, id, "acc_1", "nonce0000000000000000", p)).isTrue();
  }

  @Test
  void boundToAccount_T07() {
    Secret p = Proof.compute(secret, id, "acc_1", "nonce0000000000000000");
    assertThat(Proof.verify(secret, id, "acc_2", "nonce0000000000000000", p)).isFalse();
  }

  @Test
  void boundToNonce_T07() {
    Secret p = Proof.compute(secret, id, "acc_1", "nonce0000000000000000");
    assertThat(Proof.verify(secret, id, "acc_1", "nonce0000000000000001", p)).isFalse();
  }

  @Test
  void boundToSecret_T08() {
    Secret p = Proof.compute(Secret.fromText("X".repeat(32)), id, "acc_1", "nonce0000000000000000");
    assertThat(Proof.verify(secret, id, "acc_1", "nonce0000000000000000", p)).isFalse();
  }
}
