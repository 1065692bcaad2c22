package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/** The agent's answer to a good exchange: the local secret. Sent over the LAN only. */
public record ExchangeResponse(@MaxLength(32) Secret localSecret) {
  public ExchangeResponse {
    Check.notNull(localSecret, "localSecret");
  }
}
