package io.printerlink.agent;

import java.util.List;

/**
 * A snapshot of the agent for its embedder, its log and {@code printer-agent status}; nothing
 * secret in it.
 *
 * @param linked whether the agent holds a printer token
 * @param printerId the printer id it is linked as, or null
 * @param accountName the account it is linked to, or null
 * @param windowOpen whether a discovery window is open now
 * @param windowSecondsLeft seconds left in the window (0 when none)
 * @param instanceId the open window's instance id, or null when no window is open
 * @param lastAnnounceAccepted whether the relay accepted the last announce on the current connection
 * @param seenFrom the network key the relay saw the agent under, or null
 * @param lastError the last problem worth showing, or null
 * @param advertisedAddress the private address announced, or null when none was chosen
 * @param advertisedPort the port announced (the exchange port, or the advertise-host port)
 * @param candidates further LAN addresses announced, "ip:port", best first
 * @param state one line for people: "discoverable", "not discoverable yet: relay answered 503", ...
 */
public record AgentStatus(
    boolean linked,
    String printerId,
    String accountName,
    boolean windowOpen,
    long windowSecondsLeft,
    String instanceId,
    boolean lastAnnounceAccepted,
    String seenFrom,
    String lastError,
    String advertisedAddress,
    int advertisedPort,
    List<String> candidates,
    String state) {
  public AgentStatus {
    candidates = List.copyOf(candidates);
  }

  /** The same status with the countdown zeroed: what changes meaningfully, not every second. */
  AgentStatus withoutCountdown() {
    return new AgentStatus(linked, printerId, accountName, windowOpen, 0, instanceId, lastAnnounceAccepted, seenFrom,
        lastError, advertisedAddress, advertisedPort, candidates, state);
  }
}
