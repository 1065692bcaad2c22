package io.printerlink.relay.net;

import io.printerlink.protocol.NetworkAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a single-host
 * block). Parsing never resolves names. IPv4-mapped IPv6 blocks and addresses are compared as IPv4.
 */
public final class Cidr {
  private final InetAddress network;
  private final int prefix;

  private Cidr(InetAddress network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /** Parses {@code address[/prefix]}; the message of a refusal names the text. */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "cidr");
    String s = text.trim();
    int slash = s.indexOf('/');
    String addressPart = slash < 0 ? s : s.substring(0, slash);
    InetAddress raw = NetworkAddresses.parseLiteral(addressPart).orElseThrow(() -> invalid(text));
    boolean wasMappedV6 = addressPart.indexOf(':') >= 0 && raw instanceof Inet4Address;
    int bits = raw instanceof Inet4Address ? 32 : 128;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw invalid(text);
      }
      prefix = Integer.parseInt(p);
      if (wasMappedV6) {
        prefix -= 96;
      }
      if (prefix < 0 || prefix > bits) {
        throw invalid(text);
      }
    }
    return new Cidr(mask(raw, prefix), prefix);
  }

  public boolean contains(InetAddress address) {
    InetAddress a = NetworkAddresses.normalize(address);
    if (a.getAddress().length != network.getAddress().length) {
      return false;
    }
    return mask(a, prefix).equals(network);
  }

  private static InetAddress mask(InetAddress address, int prefix) {
    byte[] b = address.getAddress();
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      b[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not an address block such as 10.0.0.0/8 or 2001:db8::/32");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr && ((Cidr) o).prefix == prefix && ((Cidr) o).network.equals(network);
  }

  @Override
  public int hashCode() {
    return network.hashCode() * 31 + prefix;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
