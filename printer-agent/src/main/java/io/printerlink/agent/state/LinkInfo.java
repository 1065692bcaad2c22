package io.printerlink.agent.state;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/** What the agent is linked as; not secret, kept in {@code link.json} beside the token. */
public record LinkInfo(String printerId, String accountId, @MaxLength(100) String accountName) {
  public LinkInfo {
    Check.id(printerId, "printerId");
    Check.id(accountId, "accountId");
    Check.notNull(accountName, "accountName");
  }
}
