package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/** {@code POST /api/v1/link-requests}: instance id, fresh client nonce, and the proof. */
public record LinkRequestCreate(String instanceId, @MaxLength(128) String nonce, @MaxLength(64) Secret proof) {
  public LinkRequestCreate {
    Check.uuid(instanceId, "instanceId");
    Check.nonce(nonce, Limits.NONCE_BYTES, "nonce");
    Check.notNull(proof, "proof");
  }
}
