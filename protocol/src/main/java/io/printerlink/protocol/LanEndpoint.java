package io.printerlink.protocol;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A LAN address and port as written in an announce's {@code candidates}: {@code "192.168.1.50:8787"}
 * or {@code "[fd00::50]:8787"} (IPv6 always bracketed). The address must be a literal in the
 * private, link-local or loopback ranges, exactly like {@code privateIp}; never a name.
 *
 * @param ip the address literal, IPv6 without brackets
 * @param port 1..65535
 */
public record LanEndpoint(String ip, int port) {
  /** Most candidates one announce may carry. */
  public static final int MAX_CANDIDATES = 8;

  public LanEndpoint {
    if (ip == null || !NetworkAddresses.parseLiteral(ip).map(NetworkAddresses::isLanPeer).orElse(false)) {
      throw new IllegalArgumentException("address must be a private, link-local or loopback IP literal");
    }
    Check.port(port, "port");
  }

  /** Parses {@code ip:port} or {@code [v6]:port}; empty for anything else (names included). */
  public static Optional<LanEndpoint> parse(String text) {
    if (text == null || text.length() > 72) {
      return Optional.empty();
    }
    String host;
    String portText;
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        return Optional.empty();
      }
      host = text.substring(1, close);
      portText = text.substring(close + 2);
      if (host.indexOf(':') < 0) {
        return Optional.empty();
      }
    } else {
      int colon = text.indexOf(':');
      if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
        return Optional.empty();
      }
      host = text.substring(0, colon);
      portText = text.substring(colon + 1);
    }
    if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    Optional<InetAddress> address = NetworkAddresses.parseLiteral(host);
    int port = Integer.parseInt(portText);
    if (address.isEmpty() || !NetworkAddresses.isLanPeer(address.get()) || port < 1 || port > 65535) {
      return Optional.empty();
    }
    return Optional.of(new LanEndpoint(host, port));
  }

  /**
   * Checks a wire {@code candidates} list: null stays null (the field is optional); otherwise at
   * most {@link #MAX_CANDIDATES} entries, each a valid endpoint, no duplicates. Returns an immutable copy.
   */
  public static List<String> checkCandidates(List<String> candidates, String field) {
    if (candidates == null) {
      return null;
    }
    if (candidates.size() > MAX_CANDIDATES) {
      throw new IllegalArgumentException("field '" + field + "' has more than " + MAX_CANDIDATES + " items");
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (String c : candidates) {
      if (parse(c).isEmpty()) {
        throw new IllegalArgumentException(
            "field '" + field + "' items must be ip:port or [ipv6]:port with a private, link-local or loopback IP");
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException("field '" + field + "' must not repeat an address");
      }
    }
    return List.copyOf(new ArrayList<>(seen));
  }

  /**
   * The endpoints to try in order: {@code ip:port} first, then each candidate not already listed.
   * Anything that is not a LAN endpoint is left out (a relay cannot steer a client elsewhere).
   */
  public static List<LanEndpoint> inOrder(String ip, int port, List<String> candidates) {
    LinkedHashSet<LanEndpoint> out = new LinkedHashSet<>();
    parse(NetworkAddresses.urlHost(ip == null ? "" : ip) + ":" + port).ifPresent(out::add);
    if (candidates != null) {
      for (String c : candidates) {
        parse(c).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  /** The URL authority, IPv6 bracketed: {@code [fd00::50]:8081}. */
  @Override
  public String toString() {
    return NetworkAddresses.urlHost(ip) + ":" + port;
  }
}
