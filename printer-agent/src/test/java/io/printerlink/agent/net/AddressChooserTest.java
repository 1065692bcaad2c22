package io.printerlink.agent.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.net.AddressChooser.NetInterface;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressChooserTest {
  private static final URI REMOTE_RELAY = URI.create("https://relay.example.org");

  private static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }


  @Test
  void advertiseHostWins() {
    AddressChooser c = new AddressChooser(() -> new AddressChooser.HostNetwork(List.of(), List.of()));
    assertThat(c.choose(Optional.of("192.168.7.7"), REMOTE_RELAY).addresses()).containsExactly("192.168.7.7");
  }

  @Test
  void loopbackRelayMeansLoopbackAddress() {
    AddressChooser c = new AddressChooser(() -> new AddressChooser.HostNetwork(List.of(), List.of()));
    assertThat(c.choose(Optional.empty(), URI.create("http://localhost:8080")).primary()).contains("127.0.0.1");
    assertThat(c.choose(Optional.empty(), URI.create("http://127.0.0.1:8080")).primary()).contains("127.0.0.1");
  }

  @Test
  void firstUpPhysicalPrivateIpv4IsChosen() throws Exception {
    AddressChooser c = new AddressChooser(() -> new AddressChooser.HostNetwork(List.of(
        new NetInterface("lo", true, true, false, List.of(ip("127.0.0.1"))),
        new NetInterface("docker0", true, false, false, List.of(ip("172.17.0.1"))),
        new NetInterface("eth1", false, false, false, List.of(ip("10.9.9.9"))),
        new NetInterface("eth0", true, false, false, List.of(ip("fe80::1"), ip("203.0.113.5"), ip("192.168.1.50")))),
        List.of()));
    assertThat(c.choose(Optional.empty(), REMOTE_RELAY).addresses()).containsExactly("192.168.1.50");
  }

  @Test
  void noPrivateAddressMeansNone() throws Exception {
    AddressChooser c = new AddressChooser(() -> new AddressChooser.HostNetwork(List.of(
        new NetInterface("eth0", true, false, false, List.of(ip("203.0.113.5")))), List.of()));
    assertThat(c.choose(Optional.empty(), REMOTE_RELAY).addresses()).isEmpty();
    assertThat(c.choose(Optional.empty(), REMOTE_RELAY).problem()).startsWith("no private LAN address yet");
  }
}
