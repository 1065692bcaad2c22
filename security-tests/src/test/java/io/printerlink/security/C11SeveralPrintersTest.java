package io.printerlink.security;

import static io.printerlink.security.RelayFixture.HOME;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.limits.Rate;
import io.printerlink.security.RelayFixture.Resp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-11: five real {@link PrinterAgent}s behind one public address (all connect from 127.0.0.1, so
 * the relay keys them together) announce at once.
 */
class C11SeveralPrintersTest {
  static final int AGENTS = 5;

  @TempDir Path dir;
  RelayFixture f;
  final List<PrinterAgent> agents = new ArrayList<>();

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private void startAgents(Duration heartbeat) throws Exception {
    for (int i = 0; i < AGENTS; i++) {
      agents.add(f.startAgent(dir.resolve("agent" + i), "printer-" + i, b -> b.heartbeat(heartbeat)));
    }
  }

  private void awaitAllAnnounced() {
    for (PrinterAgent a : agents) {
      RelayFixture.awaitStatus(a, a + " is discoverable", AgentStatus::lastAnnounceAccepted);
    }
  }

  @Test
  void fiveAgentsOnOneKeyShowNoneAndSayMultipleInDiscovery_C11() throws Exception {
    f = RelayFixture.start(dir.resolve("relay"));
    startAgents(Duration.ofSeconds(5));
    awaitAllAnnounced();

    DiscoveryResponse seen = f.discovery(HOME, f.signUp(HOME));

    assertThat(seen.status()).isEqualTo(DiscoveryResponse.MULTIPLE);
    assertThat(seen.printers()).isEmpty();
  }

  @Test
  void linkRequestWhileFiveAreInDiscoveryIsMultipleInDiscovery_C11() throws Exception {
    f = RelayFixture.start(dir.resolve("relay"));
    startAgents(Duration.ofSeconds(5));
    awaitAllAnnounced();
    SessionResponse user = f.signUp(HOME);

    Resp r = f.call(HOME, "POST", "/api/v1/link-requests", RelayFixture.token(user),
        f.linkRequest(user, agents.get(0).status().instanceId(), Secret.fromText("d".repeat(32))));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).isEqualTo(ErrorCodes.MULTIPLE_IN_DISCOVERY);
    assertThat(f.count("SELECT COUNT(*) FROM link_requests")).isZero();
  }

  /**
   * The relay lets this network claim four instance ids at once and one more every 5 s, so one of
   * the five agents is told {@code RATE_LIMITED} with {@code retryAfterSeconds = 5}. The relay closes
   * any agent that announces again before its pause is over, so being accepted later with no
   * policy close proves the agent waited; its window and instance id are the same throughout.
   */
  @Test
  void rateLimitedAgentHonoursRetryAfterAndKeepsItsWindow_C11() throws Exception {
    f = RelayFixture.start(dir.resolve("relay"), b -> b.agentClaimsPerKey(Rate.of(4, Duration.ofSeconds(20))));
    startAgents(Duration.ofSeconds(1));

    PrinterAgent limited = RelayFixture.awaitValue("one agent is told to wait", () -> agents.stream()
        .filter(a -> a.status().lastError() != null && a.status().lastError().contains("rate-limiting"))
        .findFirst().orElse(null));
    AgentStatus waiting = limited.status();
    assertThat(waiting.lastError()).contains("retrying in 5 s");
    assertThat(waiting.windowOpen()).isTrue();

    AgentStatus accepted = RelayFixture.awaitStatus(limited, "the waiting agent is accepted after its pause",
        AgentStatus::lastAnnounceAccepted);

    assertThat(accepted.windowOpen()).isTrue();
    assertThat(accepted.instanceId()).isEqualTo(waiting.instanceId());
    assertThat(f.relay.defenceMetrics().rateLimited()).isGreaterThanOrEqualTo(1);
    assertThat(f.relay.defenceMetrics().socketsClosedForPolicy()).as("announced during its pause").isZero();
  }
}
