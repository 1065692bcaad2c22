package io.printerlink.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Address classification shared by relay and agent. Never does a DNS lookup.
 *
 * <ul>
 *   <li>{@link #networkKey}: the relay's notion of "same network": IPv4 whole, IPv6 cut to
 *       its /64, IPv4-mapped IPv6 normalised to IPv4 first.
 *   <li>{@link #isLanPeer}: the agent's exchange check on the TCP peer: loopback, RFC 1918,
 *       IPv4 link-local, IPv6 unique-local (fc00::/7) or link-local (fe80::/10).
 * </ul>
 */
public final class NetworkAddresses {
  private static final Pattern IPV4 =
      Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

  private NetworkAddresses() {}

  /**
   * Parses an IP literal (IPv4 dotted quad, or IPv6 with or without brackets). Anything else,
   * hostnames included, gives empty: this never resolves names.
   */
  public static Optional<InetAddress> parseLiteral(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return Optional.empty();
    }
    String s = text;
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    boolean v4 = IPV4.matcher(s).matches();
    boolean v6 = !v4 && s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(normalize(InetAddress.getByName(s)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) becomes the IPv4 address; others unchanged. */
  public static InetAddress normalize(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return address;
  }

  /** The network key: IPv4 whole ("203.0.113.7"), IPv6 as its /64 ("2001:db8:12:34::/64"). */
  public static String networkKey(InetAddress address) {
    InetAddress a = normalize(address);
    if (a instanceof Inet4Address) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      key.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
    }
    return key.append(":/64").toString();
  }

  /** RFC 1918 IPv4, or IPv6 unique-local fc00::/7 (which {@code isSiteLocalAddress} misses). */
  public static boolean isPrivate(InetAddress address) {
    InetAddress a = normalize(address);
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int o0 = b[0] & 0xff;
      int o1 = b[1] & 0xff;
      return o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168);
    }
    return (b[0] & 0xfe) == 0xfc;
  }

  /** IPv4 169.254/16 or IPv6 fe80::/10. */
  public static boolean isLinkLocal(InetAddress address) {
    return normalize(address).isLinkLocalAddress();
  }

  public static boolean isLoopback(InetAddress address) {
    return normalize(address).isLoopbackAddress();
  }

  /** The agent's test for a LAN peer: loopback, private, or link-local. */
  public static boolean isLanPeer(InetAddress address) {
    return isLoopback(address) || isPrivate(address) || isLinkLocal(address);
  }

  /** Host part for a URL: IPv6 literals bracketed ("[fd00::50]"). */
  public static String urlHost(String host) {
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      return "[" + host + "]";
    }
    return host;
  }
}
