package io.printerlink.relay.store;

import java.time.Instant;

/** A printer row without its token hash. {@code state} is PENDING, ACTIVE or REVOKED. */
public record PrinterRecord(
    String id, String accountId, String name, String model, String state, String linkRequestId, Instant createdAt) {
  public static final String PENDING = "PENDING";
  public static final String ACTIVE = "ACTIVE";
  public static final String REVOKED = "REVOKED";

  /**
   * A new printer's name: the agent's name (what the user saw on the discovery card, set on the
   * printer with {@code --name}), else its host name. The user can rename it afterwards.
   */
  public static String initialName(String agentName, String hostname) {
    return agentName != null && !agentName.isBlank() ? agentName : hostname;
  }
}
