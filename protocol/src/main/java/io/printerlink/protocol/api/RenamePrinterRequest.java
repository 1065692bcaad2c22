package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/**
 * {@code PATCH /api/v1/printers/{id}}: the printer's new display name (1 to {@link #MAX_NAME}
 * characters, not blank; surrounding spaces are dropped). Shown to users as text only.
 */
public record RenamePrinterRequest(@MaxLength(RenamePrinterRequest.MAX_NAME) String name) {
  public static final int MAX_NAME = 64;

  public RenamePrinterRequest {
    name = Check.notBlank(name, "name").strip();
    if (name.length() > MAX_NAME) {
      throw new IllegalArgumentException("field 'name' must be at most " + MAX_NAME + " characters");
    }
  }
}
