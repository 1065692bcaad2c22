package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.ErrorCodes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T11: the agent's wall clock jumps an hour either way (NTP correction, a user changing the
 * date); the discovery window follows the monotonic clock only. The agent runs with an injected
 * wall {@link Clock} and an injected monotonic source that moves only when the test says, so the
 * 60 s window is crossed without waiting.
 */
class T11WallClockJumpTest {
  static final Duration WINDOW = Duration.ofSeconds(60);

  @TempDir Path temp;
  private AttackFixture f;
  private final MovableClock wall = new MovableClock(Clock.systemUTC());
  private final MovableClock.Nanos nanos = new MovableClock.Nanos();
  private PrinterAgent agent;
  private AgentStatus status;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    agent = f.startAgent("clocked-printer", b -> b.windowLength(WINDOW).clock(wall).nanoTime(nanos));
    status = AttackFixture.awaitDiscoverable(agent);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void wallClockJumpForwardDoesNotCloseTheWindow_T11() throws Exception {
    wall.jump(Duration.ofHours(1));
    nanos.advance(Duration.ofSeconds(30));

    assertThat(agent.status().windowOpen()).isTrue();
    assertThat(agent.status().windowSecondsLeft()).isEqualTo(30);
    assertThat(f.exchange(f.http, agent.exchangePort(), status.instanceId(), Map.of()).status()).isEqualTo(200);
  }

  @Test
  void wallClockJumpBackDoesNotExtendTheWindow_T11() throws Exception {
    wall.jump(Duration.ofHours(-1));
    nanos.advance(WINDOW.minusSeconds(1));
    assertThat(agent.status().windowOpen()).as("one monotonic second before the deadline").isTrue();

    nanos.advance(Duration.ofSeconds(1));

    AttackFixture.awaitAgent(agent, "window closed at its monotonic deadline", s -> !s.windowOpen());
    assertThat(f.exchange(f.http, agent.exchangePort(), status.instanceId(), Map.of()).status()).isEqualTo(403);
  }

  @Test
  void linkAfterTheWindowIsNotInDiscovery_T11() throws Exception {
    AttackFixture.Account household = f.createAccount("household");
    f.awaitListed(household, status.instanceId());
    wall.jump(Duration.ofHours(-1));
    nanos.advance(WINDOW);
    AttackFixture.awaitAgent(agent, "window closed", s -> !s.windowOpen());

    AttackFixture.awaitValue("the relay drops the agent", () -> f.discovery(f.http, household),
        d -> d.printers().isEmpty());

    AttackFixture.Reply late = f.postLinkRequest(f.http, household, status.instanceId(), f.nonce(), f.forgedProof());

    assertThat(late.status()).isEqualTo(404);
    assertThat(late.errorCode()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);
    f.assertNothingLinked(agent);
  }
}
