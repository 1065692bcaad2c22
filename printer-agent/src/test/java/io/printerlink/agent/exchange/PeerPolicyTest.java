package io.printerlink.agent.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerPolicyTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "172.31.255.1", "192.168.1.10",
      "169.254.10.10", "fd12:3456::1", "fe80::1", "::ffff:192.168.1.10"})
  void lanPeersMayExchange(String peer) throws Exception {
    assertThat(PeerPolicy.LAN_ONLY.allows(ip(peer))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"203.0.113.7", "8.8.8.8", "172.32.0.1", "100.64.0.1", "2001:db8::1",
      "::ffff:203.0.113.7", "0.0.0.0"})
  void publicPeersMayNot_T04(String peer) throws Exception {
    assertThat(PeerPolicy.LAN_ONLY.allows(ip(peer))).isFalse();
  }
}
