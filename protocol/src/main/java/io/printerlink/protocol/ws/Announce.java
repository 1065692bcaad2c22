package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.LanEndpoint;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.protocol.OptionalField;
import io.printerlink.protocol.Secret;
import java.util.List;

/**
 * Agent to relay, {@code announce}, on {@code /agent/v1/discovery}; repeated as the heartbeat.
 * {@code privateIp} must be an IP literal in a private, link-local or loopback range (the relay
 * accepts loopback only in embedded/development mode). {@code presenceToken} is sent when the
 * agent reconnects to take its instance id back. {@code formerPrinterId} is sent by an agent that
 * lost its printer token but still knows which printer it was (C-16): the relay lets that
 * printer's own account relink it (revoking the old token) and refuses other accounts with
 * {@code ALREADY_LINKED}; it is never shown to clients. {@code candidates} (optional) lists further
 * LAN endpoints ({@code "ip:port"}, {@code "[v6]:port"}) in the order the client should try them
 * after {@code privateIp:port}, when the agent's host has more than one plausible LAN address.
 */
public record Announce(
    int protocol,
    String instanceId,
    @MaxLength(64) String privateIp,
    int port,
    String hostname,
    String agentName,
    @MaxLength(32) String agentVersion,
    String model,
    long windowSecondsLeft,
    @OptionalField @MaxLength(64) Secret presenceToken,
    @OptionalField String formerPrinterId,
    @OptionalField @MaxLength(LanEndpoint.MAX_CANDIDATES) List<String> candidates) {
  /** An announce without a former printer id or candidates. */
  public Announce(int protocol, String instanceId, String privateIp, int port, String hostname, String agentName,
      String agentVersion, String model, long windowSecondsLeft, Secret presenceToken) {
    this(protocol, instanceId, privateIp, port, hostname, agentName, agentVersion, model, windowSecondsLeft,
        presenceToken, null, null);
  }

  /** An announce without candidates. */
  public Announce(int protocol, String instanceId, String privateIp, int port, String hostname, String agentName,
      String agentVersion, String model, long windowSecondsLeft, Secret presenceToken, String formerPrinterId) {
    this(protocol, instanceId, privateIp, port, hostname, agentName, agentVersion, model, windowSecondsLeft,
        presenceToken, formerPrinterId, null);
  }

  public Announce {
    Check.uuid(instanceId, "instanceId");
    if (!NetworkAddresses.parseLiteral(privateIp).map(NetworkAddresses::isLanPeer).orElse(false)) {
      throw new IllegalArgumentException("field 'privateIp' must be a private, link-local or loopback IP literal");
    }
    Check.port(port, "port");
    Check.notBlank(hostname, "hostname");
    Check.notBlank(agentName, "agentName");
    Check.notBlank(agentVersion, "agentVersion");
    Check.notNull(model, "model");
    Check.range(windowSecondsLeft, 0, Limits.DISCOVERY_WINDOW.toSeconds(), "windowSecondsLeft");
    if (formerPrinterId != null) {
      Check.id(formerPrinterId, "formerPrinterId");
    }
    candidates = LanEndpoint.checkCandidates(candidates, "candidates");
  }
}
