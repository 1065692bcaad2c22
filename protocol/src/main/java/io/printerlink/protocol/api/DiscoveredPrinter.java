package io.printerlink.protocol.api;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;

/** One printer in discovery, as the relay shows it to a client on the same network key. */
public record DiscoveredPrinter(
    String instanceId,
    @MaxLength(64) String privateIp,
    int port,
    String hostname,
    String agentName,
    @MaxLength(32) String agentVersion,
    String model,
    long windowSecondsLeft) {
  public DiscoveredPrinter {
    Check.uuid(instanceId, "instanceId");
    Check.notBlank(privateIp, "privateIp");
    Check.port(port, "port");
    Check.notNull(hostname, "hostname");
    Check.notNull(agentName, "agentName");
    Check.notNull(agentVersion, "agentVersion");
    Check.notNull(model, "model");
    Check.range(windowSecondsLeft, 0, 600, "windowSecondsLeft");
  }
}
