package io.printerlink.agent.cases;

import static io.printerlink.agent.cases.CaseEnv.chooser;
import static io.printerlink.agent.cases.CaseEnv.defaultVia;
import static io.printerlink.agent.cases.CaseEnv.net;
import static io.printerlink.agent.cases.CaseEnv.tunnel;
import static io.printerlink.agent.cases.CaseEnv.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentMain;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.relay.RelayServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-06: eth0 192.168.1.50/24 and wg0 10.8.0.2/24 with a route for 10.0.0.0/8 (variant: the default
 * route via wg0). The agent advertises 192.168.1.50, and its status shows the public address the
 * relay saw it at.
 */
class C06VpnInterfaceTest {
  private static final URI RELAY = URI.create("https://relay.example.org");
  @TempDir Path relayData;
  @TempDir Path state;
  private RelayServer relay;
  private PrinterAgent agent;

  @AfterEach
  void stop() {
    try {
      if (agent != null) {
        agent.close();
      }
    } finally {
      if (relay != null) {
        relay.close();
      }
    }
  }

  @Test
  void lanAddressWinsOverTheVpnRoute_C06() {
    AddressChooser.Choice c = chooser(
        List.of(up("wg0", "10.8.0.2"), up("eth0", "192.168.1.50"), up("lo", "127.0.0.1")),
        List.of(net("wg0"), defaultVia("eth0"))).choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).containsExactly("192.168.1.50");
  }

  @Test
  void lanAddressWinsEvenWhenTheDefaultRouteGoesThroughTheVpn_C06() {
    AddressChooser.Choice c = chooser(
        List.of(tunnel("wg0", "10.8.0.2"), up("eth0", "192.168.1.50")),
        List.of(defaultVia("wg0"), net("eth0"))).choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).containsExactly("192.168.1.50");
  }

  @Test
  void vpnAddressIsALastResortWhenNothingElseIsPrivate_C06() {
    AddressChooser.Choice c = chooser(List.of(tunnel("tun0", "10.8.0.2"), up("eth0", "203.0.113.9")),
        List.of(defaultVia("eth0"))).choose(Optional.empty(), RELAY);

    assertThat(c.addresses()).containsExactly("10.8.0.2");
  }

  @Test
  void statusShowsThePublicAddressTheRelaySaw_C06() throws Exception {
    relay = CaseEnv.relay(relayData);
    agent = PrinterAgent.start(
        AgentConfig.builder().relayUri(relay.httpUri()).stateDir(state).port(0).bindHost("127.0.0.1")
            .heartbeat(Duration.ofMillis(500)).build(),
        chooser(List.of(tunnel("wg0", "10.8.0.2"), up("eth0", "192.168.1.50")), List.of(defaultVia("wg0"))));
    CaseEnv.await(agent, s -> s.lastAnnounceAccepted());

    StringWriter out = new StringWriter();
    int code = AgentMain.execute(new String[] {"status", "--state-dir", state.toString(), "--json"},
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

    assertThat(code).isZero();
    Map<String, Object> json = parse(out.toString());
    assertThat(json).containsEntry("seenFrom", "127.0.0.1")
        .containsEntry("lanAddress", "192.168.1.50")
        .containsEntry("lastAnnounceAccepted", true)
        .containsEntry("state", "discoverable");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String text) throws JsonInputException {
    return new com.google.gson.Gson().fromJson(Json.parseTree(text.strip()), Map.class);
  }
}
