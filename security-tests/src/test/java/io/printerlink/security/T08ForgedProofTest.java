package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T8: a proof forged without the local secret (random bytes of the right shape, or an HMAC keyed
 * with a guessed secret) is REJECTED by the agent, the window closes and nothing is linked.
 */
class T08ForgedProofTest {
  @TempDir Path temp;
  private AttackFixture f;
  private PrinterAgent agent;
  private AgentStatus status;
  private AttackFixture.Account forger;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    agent = f.startAgent("forged-printer", b -> b);
    status = AttackFixture.awaitDiscoverable(agent);
    forger = f.createAccount("forger");
    f.awaitListed(forger, status.instanceId());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void randomProofIsRejectedAndTheWindowCloses_T08() throws Exception {
    LinkRequestView sent = f.submitLinkRequest(forger, status.instanceId(), f.nonce(), f.forgedProof());

    LinkRequestView end = f.awaitFinal(forger, sent.id());
    assertThat(end.linkState()).isEqualTo(LinkState.REJECTED);
    assertThat(end.printerId()).isNull();
    AttackFixture.awaitAgent(agent, "window closed", s -> !s.windowOpen());
    f.assertNothingLinked(agent);
    AttackFixture.awaitValue("relay no longer lists the agent", () -> f.discovery(f.http, forger),
        d -> d.printers().isEmpty() && DiscoveryResponse.OK.equals(d.status()));
  }

  @Test
  void hmacUnderAGuessedSecretIsRejected_T08() throws Exception {
    String nonce = f.nonce();
    Secret guessed = Secret.fromText("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    Secret proof = Proof.compute(guessed, status.instanceId(), forger.id(), nonce);

    LinkRequestView end = f.awaitFinal(forger, f.submitLinkRequest(forger, status.instanceId(), nonce, proof).id());

    assertThat(end.linkState()).isEqualTo(LinkState.REJECTED);
    AttackFixture.awaitAgent(agent, "window closed", s -> !s.windowOpen());
    assertThat(f.exchange(f.http, agent.exchangePort(), status.instanceId(), Map.of()).status()).isEqualTo(403);
    f.assertNothingLinked(agent);
  }
}
