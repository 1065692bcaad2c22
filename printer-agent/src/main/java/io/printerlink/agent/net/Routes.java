package io.printerlink.agent.net;

import io.printerlink.agent.net.AddressChooser.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsers for the Linux routing tables. Only what the address choice needs: which interface a
 * route leaves by, whether it is a default route, and its metric. Lines that do not parse are
 * skipped, never fatal.
 */
final class Routes {
  /** {@code RTF_UP} in /proc/net/route flags. */
  private static final int RTF_UP = 0x0001;
  /** {@code RTF_REJECT}: an unreachable route (the kernel lists IPv6 ones on lo). */
  private static final int RTF_REJECT = 0x0200;

  private Routes() {}

  /**
   * {@code /proc/net/route}: a header line, then
   * {@code Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT}, hex fields in
   * host byte order. A default route has destination and mask 0.
   */
  static List<Route> parseIpv4(String table) {
    List<Route> out = new ArrayList<>();
    String[] lines = table.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      try {
        int flags = Integer.parseInt(f[3], 16);
        if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
          continue;
        }
        boolean isDefault = Long.parseLong(f[1], 16) == 0 && Long.parseLong(f[7], 16) == 0;
        out.add(new Route(f[0], isDefault, Long.parseLong(f[6])));
      } catch (NumberFormatException e) {
        // skip the line
      }
    }
    return out;
  }

  /**
   * {@code /proc/net/ipv6_route}: no header;
   * {@code dest destPrefixLen src srcPrefixLen nextHop metric refCnt use flags iface}, hex. A default
   * route has destination ::/0.
   */
  static List<Route> parseIpv6(String table) {
    List<Route> out = new ArrayList<>();
    for (String line : table.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || f[0].length() != 32) {
        continue;
      }
      try {
        long flags = Long.parseLong(f[8], 16);
        if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0 || f[9].equals("lo")) {
          continue;
        }
        boolean isDefault = f[0].chars().allMatch(c -> c == '0') && Integer.parseInt(f[1], 16) == 0;
        out.add(new Route(f[9], isDefault, Long.parseLong(f[5], 16)));
      } catch (NumberFormatException e) {
        // skip the line
      }
    }
    return out;
  }
}
