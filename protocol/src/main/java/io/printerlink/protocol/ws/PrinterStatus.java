package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;

/** Relay to client on {@code /client/v1/events}, {@code printer}: a printer went online or offline. */
public record PrinterStatus(String printerId, boolean online) {
  public PrinterStatus {
    Check.id(printerId, "printerId");
  }
}
