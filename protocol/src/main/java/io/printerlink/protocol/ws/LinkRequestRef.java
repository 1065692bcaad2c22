package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;

/** Agent to relay: {@code verified}, {@code rejected} or {@code token-stored} for one link request. */
public record LinkRequestRef(String linkRequestId) {
  public LinkRequestRef {
    Check.id(linkRequestId, "linkRequestId");
  }
}
