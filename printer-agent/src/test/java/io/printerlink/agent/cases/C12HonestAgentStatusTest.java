package io.printerlink.agent.cases;

import static io.printerlink.agent.cases.CaseEnv.chooser;
import static io.printerlink.agent.cases.CaseEnv.defaultVia;
import static io.printerlink.agent.cases.CaseEnv.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.relay.Backoff;
import io.printerlink.agent.status.StatusFile;
import io.printerlink.protocol.Limits;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-12: the relay answers 503 to the first three announce attempts, then accepts. The status says
 * "not discoverable yet: relay answered 503" until the first accepted announce, then
 * "discoverable"; retries stay well under the relay's presence expiry. Also the other relay
 * answers: 429 honours Retry-After and keeps the window (C-11).
 */
class C12HonestAgentStatusTest {
  @TempDir Path state;
  private FlakyRelay relay;
  private PrinterAgent agent;

  @AfterEach
  void stop() throws Exception {
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

  private static AddressChooser lan() {
    return chooser(List.of(up("eth0", "192.168.1.50")), List.of(defaultVia("eth0")));
  }

  private PrinterAgent start(List<String> states) throws Exception {
    PrinterAgent a = PrinterAgent.start(
        AgentConfig.builder().relayUri(relay.uri()).port(0).bindHost("127.0.0.1").stateDir(state).build(), lan());
    a.addListener(s -> states.add(s.state()));
    states.add(a.status().state());
    return a;
  }

  @Test
  void statusSaysNotDiscoverableWith503UntilTheFirstAcceptedAnnounce_C12() throws Exception {
    relay = new FlakyRelay(3, 503, null);
    List<String> states = new CopyOnWriteArrayList<>();
    agent = start(states);

    AgentStatus s = CaseEnv.await(agent, AgentStatus::lastAnnounceAccepted);

    assertThat(s.state()).isEqualTo("discoverable");
    assertThat(s.seenFrom()).isEqualTo(FlakyRelay.SEEN_FROM);
    assertThat(states).contains("not discoverable yet: relay answered 503");
    assertThat(states.indexOf("not discoverable yet: relay answered 503")).isLessThan(states.indexOf("discoverable"));
    assertThat(relay.attempts).hasSize(4);
    assertThat(StatusFile.read(state).state()).isEqualTo("discoverable");
  }

  @Test
  void retriesAfter503ComeWellWithinThePresenceExpiry_C12() throws Exception {
    relay = new FlakyRelay(3, 503, null);
    agent = start(new CopyOnWriteArrayList<>());

    CaseEnv.await(agent, AgentStatus::lastAnnounceAccepted);

    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < relay.attempts.size(); i++) {
      gaps.add(relay.attempts.get(i) - relay.attempts.get(i - 1));
    }
    assertThat(gaps).allSatisfy(g -> assertThat(g).isLessThan(Limits.PRESENCE_EXPIRY.toNanos() / 2));
  }

  @Test
  void reconnectDelayNeverExceedsItsCapWhichIsWellUnderThePresenceExpiry_C12() {
    Backoff backoff = new Backoff(AgentConfig.DEFAULT_RECONNECT_MIN, AgentConfig.DEFAULT_RECONNECT_MAX, new SecureRandom());
    for (int i = 0; i < 1000; i++) {
      assertThat(backoff.next()).isLessThanOrEqualTo(AgentConfig.DEFAULT_RECONNECT_MAX);
    }
    assertThat(AgentConfig.DEFAULT_RECONNECT_MAX.multipliedBy(2)).isLessThan(Limits.PRESENCE_EXPIRY);
  }

  @Test
  void upgradeAnswered429HonoursRetryAfterAndKeepsTheWindow_C11() throws Exception {
    relay = new FlakyRelay(1, 429, "2");
    agent = start(new CopyOnWriteArrayList<>());

    AgentStatus limited = CaseEnv.await(agent, st -> st.lastError() != null && st.lastError().contains("429"));
    assertThat(limited.lastError()).isEqualTo("relay answered 429 (too many requests); retrying in 2 s");
    assertThat(limited.windowOpen()).isTrue();
    String instance = limited.instanceId();

    AgentStatus accepted = CaseEnv.await(agent, AgentStatus::lastAnnounceAccepted);

    assertThat(accepted.instanceId()).isEqualTo(instance);
    assertThat(relay.attempts.get(1) - relay.attempts.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(1900).toNanos());
  }
}
