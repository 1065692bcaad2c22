package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.LanEndpoint;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.OptionalField;
import java.util.List;

/**
 * One printer in discovery, as the relay shows it to a client on the same network key.
 * {@code candidates} (optional) are the agent's further LAN endpoints, to try in order after
 * {@code privateIp:port}.
 */
public record DiscoveredPrinter(
    String instanceId,
    @MaxLength(64) String privateIp,
    int port,
    String hostname,
    String agentName,
    @MaxLength(32) String agentVersion,
    String model,
    long windowSecondsLeft,
    @OptionalField @MaxLength(LanEndpoint.MAX_CANDIDATES) List<String> candidates) {
  public DiscoveredPrinter {
    Check.uuid(instanceId, "instanceId");
    Check.notBlank(privateIp, "privateIp");
    Check.port(port, "port");
    Check.notNull(hostname, "hostname");
    Check.notNull(agentName, "agentName");
    Check.notNull(agentVersion, "agentVersion");
    Check.notNull(model, "model");
    Check.range(windowSecondsLeft, 0, 600, "windowSecondsLeft");
    candidates = LanEndpoint.checkCandidates(candidates, "candidates");
  }

  /** A listing without candidates. */
  public DiscoveredPrinter(
      String instanceId,
      String privateIp,
      int port,
      String hostname,
      String agentName,
      String agentVersion,
      String model,
      long windowSecondsLeft) {
    this(instanceId, privateIp, port, hostname, agentName, agentVersion, model, windowSecondsLeft, null);
  }

  /** The endpoints to try, in order: {@code privateIp:port}, then the candidates. */
  public List<LanEndpoint> endpoints() {
    return LanEndpoint.inOrder(privateIp, port, candidates);
  }
}
