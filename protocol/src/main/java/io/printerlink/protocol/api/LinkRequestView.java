package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.OptionalField;

/**
 * A link request as the client sees it ({@code GET /api/v1/link-requests/{id}} and the
 * events socket's {@code link-state} message). {@code state} is a {@link LinkState} name;
 * {@code reason} is human-readable text for the end states; {@code printerId} is set once LINKED.
 */
public record LinkRequestView(
    String id,
    String instanceId,
    String state,
    @OptionalField @MaxLength(500) String reason,
    @OptionalField String printerId) {
  public LinkRequestView {
    Check.id(id, "id");
    Check.uuid(instanceId, "instanceId");
    try {
      LinkState.valueOf(Check.notNull(state, "state"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field 'state' must be a link state");
    }
  }

  public LinkState linkState() {
    return LinkState.valueOf(state);
  }
}
