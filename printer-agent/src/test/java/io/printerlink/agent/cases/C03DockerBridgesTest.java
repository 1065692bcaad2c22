package io.printerlink.agent.cases;

import static io.printerlink.agent.cases.CaseEnv.chooser;
import static io.printerlink.agent.cases.CaseEnv.defaultVia;
import static io.printerlink.agent.cases.CaseEnv.net;
import static io.printerlink.agent.cases.CaseEnv.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.net.AddressChooser.NetInterface;
import io.printerlink.agent.net.AddressChooser.Route;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * C-03: eth0 192.168.1.50/24 with the default route, docker0 172.17.0.1/16, br-1a2b 172.18.0.1/16,
 * a veth and lo. The choice is 192.168.1.50 whatever order the OS lists interfaces and routes in;
 * {@code --advertise-host} overrides it.
 */
class C03DockerBridgesTest {
  private static final URI RELAY = URI.create("https://relay.example.org");

  private static List<NetInterface> interfaces() {
    return List.of(
        up("lo", "127.0.0.1", "::1"),
        up("eth0", "192.168.1.50", "fe80::a00:27ff:fe4e:66a1"),
        up("docker0", "172.17.0.1"),
        up("br-1a2b", "172.18.0.1"),
        up("veth3c4d5e", "fe80::1c4d:5eff:fe00:1"));
  }

  private static List<Route> routes() {
    return List.of(defaultVia("eth0"), net("eth0"), net("docker0"), net("br-1a2b"));
  }

  @Test
  void eth0IsChosenInEveryOneOf100ShuffledOrders_C03() {
    Random random = new Random(20260603L);
    for (int i = 0; i < 100; i++) {
      List<NetInterface> nifs = new ArrayList<>(interfaces());
      List<Route> routes = new ArrayList<>(routes());
      Collections.shuffle(nifs, random);
      Collections.shuffle(routes, random);

      AddressChooser.Choice c = chooser(nifs, routes).choose(Optional.empty(), RELAY);

      assertThat(c.addresses()).as("order %s", nifs.stream().map(NetInterface::name).toList())
          .containsExactly("192.168.1.50");
    }
  }

  @Test
  void bridgeNamedInterfacesNeverWinEvenWhenListedAlone_C03() {
    AddressChooser.Choice c = chooser(
        List.of(up("docker0", "172.17.0.1"), up("br-1a2b", "172.18.0.1"), up("virbr0", "192.168.122.1"),
            up("cni0", "10.88.0.1"), up("flannel.1", "10.244.0.0"), up("veth1", "172.17.0.9")),
        List.of()).choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).isEmpty();
    assertThat(c.problem()).startsWith("no private LAN address yet");
  }

  @Test
  void bridgeFlaggedByTheOsIsSkippedUnlessItCarriesTheDefaultRoute_C03() {
    NetInterface lanBridge = new NetInterface("br0", true, false, true, false, List.of(CaseEnv.ip("192.168.1.60")));
    NetInterface otherBridge = new NetInterface("lxcbr9", true, false, true, false, List.of(CaseEnv.ip("10.0.3.1")));
    NetInterface vmBridge = new NetInterface("mybridge", true, false, true, false, List.of(CaseEnv.ip("10.0.9.1")));

    assertThat(chooser(List.of(vmBridge, otherBridge), List.of()).choose(Optional.empty(), RELAY).addresses()).isEmpty();
    assertThat(chooser(List.of(lanBridge, vmBridge), List.of(defaultVia("br0"))).choose(Optional.empty(), RELAY)
        .addresses()).containsExactly("192.168.1.60");
  }

  @Test
  void advertiseHostOverridesTheChoice_C03() {
    AddressChooser.Choice c = chooser(interfaces(), routes()).choose(Optional.of("192.168.1.77"), RELAY);

    assertThat(c.addresses()).containsExactly("192.168.1.77");
  }

  @Test
  void loopbackAndHostnameAddressesAreNeverAnnounced_C03() {
    AddressChooser.Choice c = chooser(List.of(up("lo", "127.0.0.1", "127.0.1.1", "::1")), List.of())
        .choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).isEmpty();
  }

  @Test
  void linkLocalAndPublicAddressesAreNotAnnounced_C03() {
    AddressChooser.Choice c = chooser(List.of(up("eth0", "169.254.10.20", "fe80::1", "203.0.113.5", "2001:db8::5")),
        List.of(defaultVia("eth0"))).choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).isEmpty();
  }

  @Test
  void uniqueLocalIpv6IsPrivateButComesAfterIpv4_C03() {
    AddressChooser.Choice c = chooser(List.of(up("eth0", "fd12:3456::50", "192.168.1.50")), List.of(defaultVia("eth0")))
        .choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).containsExactly("192.168.1.50", "fd12:3456:0:0:0:0:0:50");
  }

  @Test
  void interfacesThatAreDownAreSkipped_C03() {
    NetInterface down = new NetInterface("eth1", false, false, false, false, List.of(CaseEnv.ip("192.168.9.9")));

    assertThat(chooser(List.of(down), List.of(defaultVia("eth1"))).choose(Optional.empty(), RELAY).addresses()).isEmpty();
  }
}
