package io.printerlink.relay.store;

import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;

/** A link request row. */
public record LinkRequestRecord(
    String id, String accountId, String instanceId, LinkState state, String reason, String printerId) {

  public LinkRequestRecord with(LinkState newState, String newReason, String newPrinterId) {
    return new LinkRequestRecord(id, accountId, instanceId, newState, newReason, newPrinterId);
  }

  public LinkRequestView view() {
    return new LinkRequestView(id, instanceId, state.name(), reason, printerId);
  }
}
