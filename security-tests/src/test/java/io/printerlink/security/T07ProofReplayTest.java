package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T7: a captured valid proof (computed here exactly as the household's client computes it, from
 * a real LAN exchange) is replayed for another account and for a later request. The proof is
 * bound to the instance id, the account id and the nonce, and any verify ends the window.
 */
class T07ProofReplayTest {
  @TempDir Path temp;
  private AttackFixture f;
  private PrinterAgent agent;
  private AgentStatus status;
  private AttackFixture.Account household;
  private AttackFixture.Account attacker;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    agent = f.startAgent("replayed-printer", b -> b);
    status = AttackFixture.awaitDiscoverable(agent);
    household = f.createAccount("household");
    attacker = f.createAccount("replayer");
    f.awaitListed(household, status.instanceId());
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void proofReplayedForAnotherAccountIsRejected_T07() throws Exception {
    String nonce = f.nonce();
    Secret captured = Proof.compute(f.localSecret(agent, status.instanceId()), status.instanceId(), household.id(), nonce);

    LinkRequestView sent = f.submitLinkRequest(attacker, status.instanceId(), nonce, captured);

    assertThat(f.awaitFinal(attacker, sent.id()).linkState()).isEqualTo(LinkState.REJECTED);
    AttackFixture.awaitAgent(agent, "window ended by the verify", s -> !s.windowOpen());
    f.assertNothingLinked(agent);
  }

  @Test
  void verifyAttemptEndsTheWindowSoTheProofIsUselessAfterwards_T07() throws Exception {
    String nonce = f.nonce();
    Secret valid = Proof.compute(f.localSecret(agent, status.instanceId()), status.instanceId(), household.id(), nonce);
    LinkRequestView replay = f.submitLinkRequest(attacker, status.instanceId(), nonce, valid);
    f.awaitFinal(attacker, replay.id());

    // The same proof, now by the account it was made for: the window is gone.
    AttackFixture.Reply late = f.postLinkRequest(f.http, household, status.instanceId(), nonce, valid);

    assertThat(late.status()).isEqualTo(404);
    assertThat(late.errorCode()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);
    assertThat(f.exchange(f.http, agent.exchangePort(), status.instanceId(), Map.of()).status()).isEqualTo(403);
    f.assertNothingLinked(agent);
  }

  @Test
  void proofReplayedForALaterRequestFails_T07() throws Exception {
    String nonce = f.nonce();
    Secret proof = Proof.compute(f.localSecret(agent, status.instanceId()), status.instanceId(), household.id(), nonce);
    LinkRequestView first = f.awaitFinal(household, f.submitLinkRequest(household, status.instanceId(), nonce, proof).id());
    assertThat(first.linkState()).isEqualTo(LinkState.LINKED);
    // The household unlinks; the agent's next connection is refused, it wipes its token and opens a new window.
    f.unlink(household, first.printerId());
    AgentStatus next = AttackFixture.awaitAgent(agent, "a fresh window", s -> !s.linked() && s.windowOpen()
        && s.lastAnnounceAccepted() && !status.instanceId().equals(s.instanceId()));

    AttackFixture.Reply oldWindow = f.postLinkRequest(f.http, household, status.instanceId(), nonce, proof);
    assertThat(oldWindow.status()).isEqualTo(404);
    assertThat(oldWindow.errorCode()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);

    f.awaitListed(household, next.instanceId());
    LinkRequestView replayed = f.submitLinkRequest(household, next.instanceId(), nonce, proof);
    assertThat(f.awaitFinal(household, replayed.id()).linkState()).isEqualTo(LinkState.REJECTED);
    assertThat(f.printerRows()).extracting(AttackFixture.PrinterRow::state).containsExactly("REVOKED");
  }
}
