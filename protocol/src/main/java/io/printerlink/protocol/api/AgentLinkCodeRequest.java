package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/** {@code POST /api/v1/agent/link-code}: the agent redeems a code with its printer info. */
public record AgentLinkCodeRequest(
    int protocol,
    @MaxLength(6) String code,
    String hostname,
    String agentName,
    @MaxLength(32) String agentVersion,
    String model) {
  public AgentLinkCodeRequest {
    LinkCodes.check(code);
    Check.notBlank(hostname, "hostname");
    Check.notBlank(agentName, "agentName");
    Check.notBlank(agentVersion, "agentVersion");
    Check.notNull(model, "model");
  }
}
