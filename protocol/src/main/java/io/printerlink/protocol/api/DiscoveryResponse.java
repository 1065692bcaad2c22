package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import java.util.List;

/**
 * {@code GET /api/v1/discovery} and the events socket's {@code discovery} message.
 *
 * <p>{@code status} is {@code OK} (zero or one printer) or {@code MULTIPLE_IN_DISCOVERY} (none
 * shown, on purpose). {@code seenFrom} is the caller's network key, for diagnosis.
 */
public record DiscoveryResponse(
    String status, @MaxLength(1) List<DiscoveredPrinter> printers, @MaxLength(64) String seenFrom) {
  public static final String OK = "OK";
  public static final String MULTIPLE = "MULTIPLE_IN_DISCOVERY";

  public DiscoveryResponse {
    if (!OK.equals(status) && !MULTIPLE.equals(status)) {
      throw new IllegalArgumentException("field 'status' must be OK or MULTIPLE_IN_DISCOVERY");
    }
    printers = List.copyOf(Check.notNull(printers, "printers"));
    if (printers.size() > 1) {
      throw new IllegalArgumentException("field 'printers' shows at most one printer");
    }
    if (MULTIPLE.equals(status) && !printers.isEmpty()) {
      throw new IllegalArgumentException("field 'printers' must be empty when several are in discovery");
    }
    Check.notNull(seenFrom, "seenFrom");
  }
}
