package io.printerlink.agent.cases;

import static io.printerlink.agent.cases.CaseEnv.chooser;
import static io.printerlink.agent.cases.CaseEnv.defaultVia;
import static io.printerlink.agent.cases.CaseEnv.net;
import static io.printerlink.agent.cases.CaseEnv.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.relay.RelayServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-18: an access-point interface uap0 192.168.4.1/24 and the LAN eth0 192.168.5.10/22 with the
 * default route: the agent advertises 192.168.5.10 and offers 192.168.4.1 as a further candidate;
 * a client on another subnet behind the same public address sees it (no same-subnet check).
 */
class C18OtherSubnetsTest {
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

  private static List<AddressChooser.NetInterface> interfaces() {
    return List.of(up("uap0", "192.168.4.1"), up("eth0", "192.168.5.10"), up("lo", "127.0.0.1"));
  }

  private static List<AddressChooser.Route> routes() {
    return List.of(net("uap0"), net("eth0"), defaultVia("eth0"));
  }

  @Test
  void defaultRouteInterfaceWinsAndTheAccessPointIsACandidate_C18() {
    Random random = new Random(18);
    for (int i = 0; i < 20; i++) {
      List<AddressChooser.NetInterface> nifs = new ArrayList<>(interfaces());
      Collections.shuffle(nifs, random);
      AddressChooser.Choice c = chooser(nifs, routes()).choose(Optional.empty(), URI.create("https://relay.example.org"));
      assertThat(c.addresses()).containsExactly("192.168.5.10", "192.168.4.1");
    }
  }

  @Test
  void relayListsThePrimaryAndTheCandidateForTheClient_C18() throws Exception {
    relay = CaseEnv.relay(relayData);
    client = new CaseEnv.Watcher(relay, CaseEnv.signUp(relay, "ada"));
    agent = PrinterAgent.start(
        AgentConfig.builder().relayUri(relay.httpUri()).port(0).bindHost("127.0.0.1").stateDir(state).build(),
        chooser(interfaces(), routes()));

    DiscoveredPrinter p = client.await(d -> d.printers().size() == 1).printers().get(0);

    int port = agent.exchangePort();
    assertThat(p.privateIp()).isEqualTo("192.168.5.10");
    assertThat(p.port()).isEqualTo(port);
    assertThat(p.candidates()).containsExactly("192.168.4.1:" + port);
    assertThat(agent.status().candidates()).containsExactly("192.168.4.1:" + port);
  }
}
