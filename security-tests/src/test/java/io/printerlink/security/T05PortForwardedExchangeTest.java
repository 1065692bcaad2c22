package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.exchange.PeerPolicy;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T5: the agent's exchange port is reachable from the internet (a port forward) and the attacker
 * claims a LAN address in {@code X-Forwarded-For} / {@code Forwarded}. The agent judges the TCP
 * peer only.
 *
 * <p>How the addresses are produced: the attacker's Jetty client is bound to 127.0.0.4 and the
 * agent runs with its {@link PeerPolicy} seam set to count exactly that address as a public peer
 * (loopback cannot produce a real internet address); every other peer is judged by
 * {@link PeerPolicy#LAN_ONLY}. The attacker knows the right instance id (the worst case).
 */
class T05PortForwardedExchangeTest {
  static final String INTERNET_PEER = "127.0.0.4";

  @TempDir Path temp;
  private AttackFixture f;
  private PrinterAgent agent;
  private AgentStatus status;
  private HttpClient attacker;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    agent = f.startAgent("forwarded-printer", b -> b.peerPolicy(
        peer -> !peer.getHostAddress().equals(INTERNET_PEER) && PeerPolicy.LAN_ONLY.allows(peer)));
    status = AttackFixture.awaitDiscoverable(agent);
    attacker = f.clientBoundTo(INTERNET_PEER);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void exchangeIgnoresXForwardedFor_T05() throws Exception {
    AttackFixture.Reply r = f.exchange(attacker, agent.exchangePort(), status.instanceId(),
        Map.of("X-Forwarded-For", "192.168.1.10"));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(r.body()).doesNotContain("localSecret");
    assertThat(agent.status().windowOpen()).isTrue();
  }

  @Test
  void exchangeIgnoresForwarded_T05() throws Exception {
    AttackFixture.Reply r = f.exchange(attacker, agent.exchangePort(), status.instanceId(),
        Map.of("Forwarded", "for=192.168.1.10", "X-Real-IP", "192.168.1.10"));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(agent.status().windowOpen()).isTrue();
  }

  @Test
  void headersNeverTurnALanPeerAway_T05() throws Exception {
    // The other direction: a LAN peer claiming a public address is still judged by its TCP peer.
    AttackFixture.Reply r = f.exchange(f.http, agent.exchangePort(), status.instanceId(),
        Map.of("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.7"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("localSecret");
  }
}
