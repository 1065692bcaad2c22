package io.printerlink.agent.exchange;

import io.printerlink.protocol.NetworkAddresses;
import java.net.InetAddress;

/**
 * Decides whether the TCP peer of an exchange connection may ask for the local secret. The
 * agent's policy is {@link #LAN_ONLY}; the seam exists so tests can stand in for a public peer,
 * which cannot be produced on loopback.
 */
@FunctionalInterface
public interface PeerPolicy {
  /** Loopback, RFC 1918, link-local, IPv6 unique-local or link-local (PROTOCOL.md step 4). */
  PeerPolicy LAN_ONLY = NetworkAddresses::isLanPeer;

  boolean allows(InetAddress peer);
}
