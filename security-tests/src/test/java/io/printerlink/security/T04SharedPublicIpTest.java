package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.exchange.PeerPolicy;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T4: an outsider behind the same public address (carrier-grade NAT, a campus) sees the printer
 * in the list and tries the local exchange, then a link request without the secret.
 *
 * <p>How the addresses are produced: towards the relay the outsider connects from 127.0.0.1,
 * the household's own address, so the relay gives it the household's network key and lists the
 * printer, as carrier-grade NAT would. Towards the agent's exchange port the outsider's client
 * is bound to 127.0.0.3. Every loopback address is a LAN peer for the real agent, so the agent
 * here runs with its {@link PeerPolicy} seam set to treat exactly 127.0.0.3 as a public,
 * non-LAN peer (and everything else as {@link PeerPolicy#LAN_ONLY} decides): that stands in for
 * an internet address that loopback cannot produce. The decision is still made on the TCP peer
 * of the real connection.
 */
class T04SharedPublicIpTest {
  static final String OUTSIDER = "127.0.0.3";

  @TempDir Path temp;
  private AttackFixture f;
  private PrinterAgent agent;
  private AgentStatus status;
  private AttackFixture.Account outsider;
  private HttpClient outsiderAtTheAgent;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    PeerPolicy outsiderIsPublic = peer -> !peer.getHostAddress().equals(OUTSIDER) && PeerPolicy.LAN_ONLY.allows(peer);
    agent = f.startAgent("victim-printer", b -> b.peerPolicy(outsiderIsPublic));
    status = AttackFixture.awaitDiscoverable(agent);
    outsider = f.createAccount("cgnat-neighbour");
    outsiderAtTheAgent = f.clientBoundTo(OUTSIDER);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void outsiderOnTheSameKeySeesThePrinter_T04() throws Exception {
    DiscoveredPrinter listed = f.awaitListed(outsider, status.instanceId());
    assertThat(listed.agentName()).isEqualTo("victim-printer");
  }

  @Test
  void exchangeFromANonLanPeerIsABare403_T04() throws Exception {
    DiscoveredPrinter listed = f.awaitListed(outsider, status.instanceId());

    AttackFixture.Reply r = f.exchange(outsiderAtTheAgent, listed.port(), listed.instanceId(), Map.of());

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(agent.status().windowOpen()).as("a peer that may not try does not close the window").isTrue();
    // positive control: the same request from a LAN peer is served, so the 403 came from the peer check
    assertThat(f.exchange(f.http, listed.port(), listed.instanceId(), Map.of()).status()).isEqualTo(200);
  }

  @Test
  void linkRequestWithoutAValidProofIsRejectedAndClosesTheWindow_T04() throws Exception {
    DiscoveredPrinter listed = f.awaitListed(outsider, status.instanceId());

    LinkRequestView sent = f.submitLinkRequest(outsider, listed.instanceId(), f.nonce(), f.forgedProof());
    LinkRequestView end = f.awaitFinal(outsider, sent.id());

    assertThat(end.linkState()).isEqualTo(LinkState.REJECTED);
    assertThat(end.reason()).isEqualTo("the printer rejected the proof");
    assertThat(end.printerId()).isNull();
    AttackFixture.awaitAgent(agent, "window closed", s -> !s.windowOpen());
    f.assertNothingLinked(agent);
    // the window is over for everyone: the household must restart discovery or use a code
    assertThat(f.exchange(f.http, listed.port(), listed.instanceId(), Map.of()).status()).isEqualTo(403);
    AttackFixture.Account household = f.createAccount("household");
    AttackFixture.Reply again = f.postLinkRequest(f.http, household, listed.instanceId(), f.nonce(), f.forgedProof());
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.errorCode()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);
  }
}
