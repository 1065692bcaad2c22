package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/** Relay to agent, {@code verify}: check this proof for this account and nonce. */
public record Verify(
    String linkRequestId,
    String accountId,
    @MaxLength(100) String accountName,
    @MaxLength(128) String nonce,
    @MaxLength(64) Secret proof) {
  public Verify {
    Check.id(linkRequestId, "linkRequestId");
    Check.id(accountId, "accountId");
    Check.notNull(accountName, "accountName");
    Check.nonce(nonce, Limits.NONCE_BYTES, "nonce");
    Check.notNull(proof, "proof");
  }
}
