package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.api.DiscoveryResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T6: an attacker on the LAN (a real LAN peer: 127.0.0.1 is loopback, which the agent's real
 * {@code LAN_ONLY} policy admits) guesses instance ids at the agent's exchange port. Each guess
 * is a bare 403; the 10th failure closes the window, after which even the right id is refused and
 * the relay stops listing the agent.
 */
class T06InstanceIdGuessingTest {
  @TempDir Path temp;
  private AttackFixture f;
  private PrinterAgent agent;
  private AgentStatus status;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    agent = f.startAgent("guessed-printer", b -> b);
    status = AttackFixture.awaitDiscoverable(agent);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void attemptCapIsTenByDefault_T06() {
    assertThat(agent.config().maxExchangeFailures()).isEqualTo(10);
    assertThat(AgentConfig.DEFAULT_MAX_EXCHANGE_FAILURES).isEqualTo(10);
  }

  @Test
  void everyWrongIdIsABare403AndNineLeaveTheWindowOpen_T06() throws Exception {
    for (int i = 1; i <= 9; i++) {
      AttackFixture.Reply r = f.exchange(f.http, agent.exchangePort(), UUID.randomUUID().toString(), Map.of());
      assertThat(r.status()).as("guess %d", i).isEqualTo(403);
      assertThat(r.body()).as("guess %d", i).isEmpty();
    }
    assertThat(agent.status().windowOpen()).isTrue();
    assertThat(agent.status().instanceId()).isEqualTo(status.instanceId());
  }

  @Test
  void tenthFailureClosesTheWindow_T06() throws Exception {
    for (int i = 1; i <= 10; i++) {
      assertThat(f.exchange(f.http, agent.exchangePort(), UUID.randomUUID().toString(), Map.of()).status())
          .as("guess %d", i).isEqualTo(403);
    }

    AttackFixture.awaitAgent(agent, "window closed by the 10th failure", s -> !s.windowOpen());
    AttackFixture.Reply right = f.exchange(f.http, agent.exchangePort(), status.instanceId(), Map.of());
    assertThat(right.status()).as("the right id after the window closed").isEqualTo(403);
    assertThat(right.body()).isEmpty();
    AttackFixture.Account household = f.createAccount("household");
    AttackFixture.awaitValue("relay no longer lists the agent", () -> f.discovery(f.http, household),
        d -> DiscoveryResponse.OK.equals(d.status()) && d.printers().isEmpty());
    f.assertNothingLinked(agent);
  }

  @Test
  void malformedRequestsCountAsFailures_T06() throws Exception {
    for (int i = 1; i <= 10; i++) {
      AttackFixture.Reply r = f.send(f.http, org.eclipse.jetty.http.HttpMethod.POST,
          "http://" + AttackFixture.HOME + ":" + agent.exchangePort() + "/discovery/v1/exchange", null,
          "{\"instanceId\": 7}", Map.of());
      assertThat(r.status()).as("malformed %d", i).isEqualTo(403);
    }
    AttackFixture.awaitAgent(agent, "window closed by malformed guesses", s -> !s.windowOpen());
    assertThat(f.exchange(f.http, agent.exchangePort(), status.instanceId(), Map.of()).status()).isEqualTo(403);
  }
}
