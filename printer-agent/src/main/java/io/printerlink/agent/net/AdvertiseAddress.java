package io.printerlink.agent.net;

import io.printerlink.protocol.NetworkAddresses;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The {@code --advertise-host HOST[:PORT]} override: what the agent announces instead of its own
 * choice, for an agent in a bridged container or behind a port-forwarding proxy (C-04, C-10).
 * HOST must be an IP literal in the private, link-local or loopback ranges (the relay refuses
 * anything else, and a name would need a lookup); IPv6 may be bracketed and must be when a port
 * follows.
 *
 * @param ip the address literal, IPv6 without brackets
 * @param port the port to announce instead of the exchange port, when given
 */
public record AdvertiseAddress(String ip, OptionalInt port) {
  public AdvertiseAddress {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(port, "port");
  }

  /** Parses the flag's value; the message of the exception says what is wrong. */
  public static AdvertiseAddress parse(String text) {
    String bad = "advertise host must be a private IP literal, optionally with :PORT (IPv6 as [addr]:PORT)";
    if (text == null || text.isBlank() || text.length() > 72) {
      throw new IllegalArgumentException(bad);
    }
    String host = text.strip();
    String portText = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(bad);
      }
      String rest = host.substring(close + 1);
      host = host.substring(1, close);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException(bad);
        }
        portText = rest.substring(1);
      }
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      portText = host.substring(host.indexOf(':') + 1);
      host = host.substring(0, host.indexOf(':'));
    }
    boolean lan = NetworkAddresses.parseLiteral(host).map(NetworkAddresses::isLanPeer).orElse(false);
    if (!lan) {
      throw new IllegalArgumentException(bad);
    }
    if (portText == null) {
      return new AdvertiseAddress(host, OptionalInt.empty());
    }
    int port;
    try {
      port = portText.length() > 5 ? -1 : Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("advertise host port must be from 1 to 65535");
    }
    return new AdvertiseAddress(host, OptionalInt.of(port));
  }
}
