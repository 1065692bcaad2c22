package io.printerlink.agent.status;

import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.OptionalField;
import java.util.List;

/**
 * The content of {@code status.json} in the agent's state folder: what {@code printer-agent status}
 * shows. Written by the running agent on every meaningful change; nothing secret in it (no token,
 * no local secret, not even the instance id).
 *
 * @param pid the agent's process id, to tell a stopped agent from a running one
 * @param updatedAt wall-clock time of the write (ISO-8601), only to age the countdown for display
 * @param running false once the agent stopped cleanly
 * @param state one line for people
 * @param linked whether the agent holds a printer token
 * @param printerId the printer id, when known
 * @param accountName the account it is linked to, when known
 * @param windowOpen whether a discovery window was open at {@code updatedAt}
 * @param windowSecondsLeft seconds left in the window at {@code updatedAt}
 * @param lastAnnounceAccepted whether the relay accepted the last announce
 * @param seenFrom the public address (network key) the relay saw the agent at
 * @param lastError the last problem worth showing
 * @param lanAddress the private address announced
 * @param lanPort the port announced
 * @param candidates further addresses announced, "ip:port", best first
 * @param relay the relay's base URL
 */
public record StatusReport(
    long pid,
    String updatedAt,
    boolean running,
    @MaxLength(500) String state,
    boolean linked,
    @OptionalField String printerId,
    @OptionalField String accountName,
    boolean windowOpen,
    long windowSecondsLeft,
    boolean lastAnnounceAccepted,
    @OptionalField String seenFrom,
    @OptionalField @MaxLength(500) String lastError,
    @OptionalField String lanAddress,
    int lanPort,
    List<String> candidates,
    @MaxLength(500) String relay) {
  public StatusReport {
    candidates = List.copyOf(candidates);
  }
}
