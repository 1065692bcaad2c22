package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/** Relay to a linked agent on {@code /agent/v1/printer}, {@code hello}: who it is linked as. */
public record PrinterHello(String printerId, String name, String accountId, @MaxLength(100) String accountName) {
  public PrinterHello {
    Check.id(printerId, "printerId");
    Check.notNull(name, "name");
    Check.id(accountId, "accountId");
    Check.notNull(accountName, "accountName");
  }
}
