package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/** One of my printers ({@code GET /api/v1/printers}). {@code linkedAt} is ISO-8601 UTC. */
public record PrinterView(String id, String name, String model, boolean online, @MaxLength(40) String linkedAt) {
  public PrinterView {
    Check.id(id, "id");
    Check.notNull(name, "name");
    Check.notNull(model, "model");
    Check.notNull(linkedAt, "linkedAt");
  }
}
