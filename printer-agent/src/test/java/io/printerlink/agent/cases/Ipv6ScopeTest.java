package io.printerlink.agent.cases;

import static io.printerlink.agent.cases.CaseEnv.chooser;
import static io.printerlink.agent.cases.CaseEnv.defaultVia;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.net.AddressChooser.NetInterface;
import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.relay.RelayServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OS lists IPv6 addresses with their scope ({@code fd00::2%eth0}, {@code %2}); the field-case
 * tables used bare literals, so nobody saw that the agent announced the scoped text, which no
 * relay accepts: on a LAN with unique-local IPv6 (many home routers hand out fd00::/64) the agent
 * was never discoverable. Announced addresses and candidates must be plain literals (C-10: an
 * IPv6 literal is bracketed in the URL, and nothing else is added to it).
 */
class Ipv6ScopeTest {
  private static final URI RELAY = URI.create("https://relay.example.org");
  @TempDir Path relayData;
  @TempDir Path state;
  private RelayServer relay;
  private PrinterAgent agent;
  private CaseEnv.Watcher client;

  @AfterEach
  void stop() throws Exception {
    try {
      if (client != null) {
        client.close();
      }
      if (agent != null) {
        agent.close();
      }
    } finally {
      if (relay != null) {
        relay.close();
      }
    }
  }

  /** fd00::2 as the OS gives it: with the interface's scope id. */
  private static InetAddress scopedUla() throws Exception {
    byte[] b = new byte[16];
    b[0] = (byte) 0xfd;
    b[15] = 2;
    return Inet6Address.getByAddress(null, b, 2);
  }

  private static NetInterface eth0(InetAddress... addresses) {
    return new NetInterface("eth0", true, false, false, false, List.of(addresses));
  }

  @Test
  void scopedUniqueLocalAddressIsChosenWithoutItsScope_C10() throws Exception {
    assertThat(scopedUla().getHostAddress()).as("what the OS hands the agent").endsWith("%2");

    AddressChooser.Choice c = chooser(List.of(eth0(CaseEnv.ip("192.168.1.50"), scopedUla())),
        List.of(defaultVia("eth0"))).choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).containsExactly("192.168.1.50", "fd00:0:0:0:0:0:0:2");
  }

  @Test
  void agentWhoseOnlyPrivateAddressIsAScopedUlaIsDiscoverable_C10() throws Exception {
    relay = CaseEnv.relay(relayData);
    client = new CaseEnv.Watcher(relay, CaseEnv.signUp(relay, "ada"));
    agent = PrinterAgent.start(
        AgentConfig.builder().relayUri(relay.httpUri()).port(0).bindHost("127.0.0.1").stateDir(state).build(),
        chooser(List.of(eth0(CaseEnv.ip("203.0.113.9"), scopedUla())), List.of(defaultVia("eth0"))));

    DiscoveredPrinter p = client.await(d -> d.printers().size() == 1).printers().get(0);

    assertThat(p.privateIp()).isEqualTo("fd00:0:0:0:0:0:0:2");
    assertThat(p.endpoints().get(0).toString()).isEqualTo("[fd00:0:0:0:0:0:0:2]:" + agent.exchangePort());
    // The list can show the printer before the agent has read the relay's answer to its announce.
    CaseEnv.await(agent, s -> s.lastAnnounceAccepted()); // fails the test if it never comes
  }

  @Test
  void scopedUlaCandidateBesideIpv4IsAcceptedAndBracketed_C10() throws Exception {
    relay = CaseEnv.relay(relayData);
    client = new CaseEnv.Watcher(relay, CaseEnv.signUp(relay, "ada"));
    agent = PrinterAgent.start(
        AgentConfig.builder().relayUri(relay.httpUri()).port(0).bindHost("127.0.0.1").stateDir(state).build(),
        chooser(List.of(eth0(CaseEnv.ip("192.168.1.50"), scopedUla())), List.of(defaultVia("eth0"))));

    DiscoveredPrinter p = client.await(d -> d.printers().size() == 1).printers().get(0);

    assertThat(p.privateIp()).isEqualTo("192.168.1.50");
    assertThat(p.candidates()).containsExactly("[fd00:0:0:0:0:0:0:2]:" + agent.exchangePort());
  }

  @Test
  void everyAddressChosenOnThisVeryHostIsAPlainLiteral() {
    AddressChooser.Choice c = AddressChooser.system().choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).allSatisfy(a -> {
      assertThat(a).doesNotContain("%");
      assertThat(NetworkAddresses.parseLiteral(a)).as(a).isPresent();
    });
  }
}
