package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.OptionalField;

/** Either side, {@code error}: the same shape as the HTTP error. */
public record WsError(String error, @MaxLength(1000) String message, @OptionalField Long retryAfterSeconds) {
  public WsError {
    Check.notBlank(error, "error");
    Check.notNull(message, "message");
  }
}
