package io.printerlink.agent.state;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.OptionalField;

/**
 * What the agent is linked as; not secret, kept in {@code link.json} beside the token.
 *
 * @param relay the relay URL the token was issued through (null in files written before it was
 *     recorded): an agent started with another {@code --relay} refuses to start rather than
 *     present the token to a relay that never issued it
 */
public record LinkInfo(
    String printerId, String accountId, @MaxLength(100) String accountName, @OptionalField @MaxLength(2000) String relay) {
  public LinkInfo {
    Check.id(printerId, "printerId");
    Check.id(accountId, "accountId");
    Check.notNull(accountName, "accountName");
  }

  /** Link info whose relay is not (yet) known. */
  public LinkInfo(String printerId, String accountId, String accountName) {
    this(printerId, accountId, accountName, null);
  }

  /** The same link, issued through {@code relayUrl}. */
  public LinkInfo withRelay(String relayUrl) {
    return new LinkInfo(printerId, accountId, accountName, relayUrl);
  }
}
