package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/**
 * 201 answer to a redeemed code: the printer token (phase one). The printer becomes active only
 * when the agent, having stored the token, calls {@code POST /api/v1/agent/token-stored} with
 * {@code Authorization: Bearer <token>} and body {@code {"linkRequestId": ...}} within 10 s.
 */
public record AgentLinkCodeResponse(
    String linkRequestId, String printerId, String accountId, @MaxLength(100) String accountName, @MaxLength(64) Secret token) {
  public AgentLinkCodeResponse {
    Check.id(linkRequestId, "linkRequestId");
    Check.id(printerId, "printerId");
    Check.id(accountId, "accountId");
    Check.notNull(accountName, "accountName");
    Check.notNull(token, "token");
  }
}
