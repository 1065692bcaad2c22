package io.printerlink.protocol.api;

import io.printerlink.protocol.MaxLength;

/**
 * {@code POST /discovery/v1/exchange} on the agent's LAN port. The instance id is not validated
 * for shape here: the agent compares it in constant time and answers a bare 403 for any mismatch.
 */
public record ExchangeRequest(@MaxLength(64) String instanceId) {
  public ExchangeRequest {
    if (instanceId == null) {
      throw new IllegalArgumentException("field 'instanceId' is required");
    }
  }
}
