package io.printerlink.desktop.core;

import io.printerlink.protocol.Limits;
import java.time.Duration;

/**
 * Every client-side limit, declared once with its default.
 *
 * @param relayRequestTimeout total time for one relay HTTP call
 * @param lanConnectTimeout TCP connect timeout to the printer's private address
 * @param lanTotalTimeout total time for the LAN exchange with one address of the printer (its
 *     private IP, then each announced candidate in turn: C-04/C-07 ask for 3 s per address)
 * @param linkTimeout longest wait for a link request to reach a final state (the relay itself
 *     ends it after {@link Limits#LINK_REQUEST_EXPIRY} plus {@link Limits#TOKEN_ACK_TIMEOUT})
 * @param pollInterval GET polling interval, used only when the events socket drops
 * @param discoveryWait how long {@code awaitSinglePrinter} waits for a printer to show up
 * @param eventsIdleTimeout idle timeout of the events WebSocket
 */
public record CoreConfig(
    Duration relayRequestTimeout,
    Duration lanConnectTimeout,
    Duration lanTotalTimeout,
    Duration linkTimeout,
    Duration pollInterval,
    Duration discoveryWait,
    Duration eventsIdleTimeout) {
  public static final Duration DEFAULT_RELAY_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LAN_CONNECT_TIMEOUT = Limits.LAN_CONNECT_TIMEOUT;
  public static final Duration DEFAULT_LAN_TOTAL_TIMEOUT = Limits.LAN_CONNECT_TIMEOUT;
  public static final Duration DEFAULT_LINK_TIMEOUT =
      Limits.LINK_REQUEST_EXPIRY.plus(Limits.TOKEN_ACK_TIMEOUT).plusSeconds(20);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_DISCOVERY_WAIT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_EVENTS_IDLE_TIMEOUT = Duration.ofMinutes(10);
  /**
   * How long a code link keeps waiting past the code's expiry, or past its redemption, for the
   * relay's EXPIRED / LINKED / FAILED push (the relay waits up to its token-ack timeout).
   */
  public static final Duration CODE_GRACE = Limits.TOKEN_ACK_TIMEOUT.plusSeconds(5);

  public CoreConfig {
    positive(relayRequestTimeout, "relayRequestTimeout");
    positive(lanConnectTimeout, "lanConnectTimeout");
    positive(lanTotalTimeout, "lanTotalTimeout");
    positive(linkTimeout, "linkTimeout");
    positive(pollInterval, "pollInterval");
    positive(discoveryWait, "discoveryWait");
    positive(eventsIdleTimeout, "eventsIdleTimeout");
    if (lanTotalTimeout.compareTo(lanConnectTimeout) < 0) {
      throw new IllegalArgumentException("lanTotalTimeout must not be shorter than lanConnectTimeout");
    }
  }

  public static CoreConfig defaults() {
    return new CoreConfig(
        DEFAULT_RELAY_REQUEST_TIMEOUT,
        DEFAULT_LAN_CONNECT_TIMEOUT,
        DEFAULT_LAN_TOTAL_TIMEOUT,
        DEFAULT_LINK_TIMEOUT,
        DEFAULT_POLL_INTERVAL,
        DEFAULT_DISCOVERY_WAIT,
        DEFAULT_EVENTS_IDLE_TIMEOUT);
  }

  public CoreConfig withDiscoveryWait(Duration wait) {
    return new CoreConfig(
        relayRequestTimeout, lanConnectTimeout, lanTotalTimeout, linkTimeout, pollInterval, wait, eventsIdleTimeout);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
