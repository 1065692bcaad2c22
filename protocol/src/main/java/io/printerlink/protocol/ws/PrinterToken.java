package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/** Relay to agent, {@code token}: the printer token, to store and acknowledge with {@code token-stored}. */
public record PrinterToken(
    String linkRequestId, String printerId, String accountId, @MaxLength(100) String accountName, @MaxLength(64) Secret token) {
  public PrinterToken {
    Check.id(linkRequestId, "linkRequestId");
    Check.id(printerId, "printerId");
    Check.id(accountId, "accountId");
    Check.notNull(accountName, "accountName");
    Check.notNull(token, "token");
  }
}
