package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.OptionalField;

/**
 * Relay to client on {@code /client/v1/events}, {@code link-code}: what became of the account's
 * code. {@code state}: {@code REDEEMED} (a printer used it; token not yet acknowledged),
 * {@code LINKED}, {@code EXPIRED}, {@code FAILED} (token not acknowledged, rolled back).
 */
public record LinkCodeEvent(
    String state,
    @OptionalField @MaxLength(500) String reason,
    @OptionalField String printerId,
    @OptionalField String printerName) {
  public LinkCodeEvent {
    if (!java.util.Set.of("REDEEMED", "LINKED", "EXPIRED", "FAILED").contains(Check.notNull(state, "state"))) {
      throw new IllegalArgumentException("field 'state' must be REDEEMED, LINKED, EXPIRED or FAILED");
    }
  }
}
