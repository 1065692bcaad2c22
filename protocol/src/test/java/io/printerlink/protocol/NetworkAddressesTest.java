package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkAddressesTest {
  private static InetAddress ip(String s) {
    return NetworkAddresses.parseLiteral(s).orElseThrow();
  }

  @Test
  void ipv6SharesKeyWithinSlash64_C08() {
    assertThat(NetworkAddresses.networkKey(ip("2001:db8:12:34::abcd")))
        .isEqualTo(NetworkAddresses.networkKey(ip("2001:db8:12:34::10")))
        .isEqualTo("2001:db8:12:34::/64");
    assertThat(NetworkAddresses.networkKey(ip("2001:db8:12:35::1"))).isNotEqualTo("2001:db8:12:34::/64");
  }

  @Test
  void mappedIpv4IsTheSameKey_C08() {
    assertThat(NetworkAddresses.networkKey(ip("::ffff:203.0.113.7"))).isEqualTo("203.0.113.7");
  }

  @Test
  void ipv4AndIpv6NeverMatch_C08() {
    assertThat(NetworkAddresses.networkKey(ip("203.0.113.7")))
        .isNotEqualTo(NetworkAddresses.networkKey(ip("2001:db8:12:34::10")));
  }

  @Test
  void lanPeerClassification() {
    for (String lan : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.10",
        "169.254.1.1", "::1", "fd00::50", "fc00::1", "fe80::1"}) {
      assertThat(NetworkAddresses.isLanPeer(ip(lan))).as(lan).isTrue();
    }
    for (String pub : new String[] {"8.8.8.8", "172.32.0.1", "172.15.0.1", "192.169.0.1", "100.64.0.1",
        "2001:db8::1", "::ffff:8.8.8.8"}) {
      assertThat(NetworkAddresses.isLanPeer(ip(pub))).as(pub).isFalse();
    }
  }

  @Test
  void parseLiteralNeverResolvesNames() {
    assertThat(NetworkAddresses.parseLiteral("localhost")).isEmpty();
    assertThat(NetworkAddresses.parseLiteral("example.com")).isEmpty();
    assertThat(NetworkAddresses.parseLiteral("1.2.3")).isEmpty();
    assertThat(NetworkAddresses.parseLiteral("[fd00::50]")).isPresent();
  }

  @Test
  void urlHostBracketsIpv6_C10() {
    assertThat(NetworkAddresses.urlHost("fd00::50")).isEqualTo("[fd00::50]");
    assertThat(NetworkAddresses.urlHost("192.168.1.50")).isEqualTo("192.168.1.50");
  }
}
