package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import java.util.List;

/** {@code GET /api/v1/printers}. */
public record PrintersResponse(@MaxLength(1000) List<PrinterView> printers) {
  public PrintersResponse {
    printers = List.copyOf(Check.notNull(printers, "printers"));
  }
}
