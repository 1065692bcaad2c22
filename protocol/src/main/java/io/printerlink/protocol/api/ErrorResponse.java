package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/** The one error shape: {@code {"error": CODE, "message": text}}. */
public record ErrorResponse(String error, @MaxLength(1000) String message) {
  public ErrorResponse {
    Check.notBlank(error, "error");
    Check.notNull(message, "message");
  }
}
