package io.printerlink.agent.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The discovery window follows the monotonic clock only: the agent's wall-clock seam moves ±1 h and
 * nothing changes; the window closes (by the agent's own tick) exactly when monotonic time reaches
 * its length: a short configured window, and the default 10 minutes.
 */
class WindowIgnoresWallClockTest {
  @TempDir Path state;
  private FlakyRelay relay;
  private PrinterAgent agent;
  private final AtomicLong nanos = new AtomicLong(42_000_000_000L);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-29T01:30:00Z"));

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

  private PrinterAgent start(Duration window) throws Exception {
    relay = new FlakyRelay(0, 200, null);
    return PrinterAgent.start(
        AgentConfig.builder().relayUri(relay.uri()).port(0).bindHost("127.0.0.1").stateDir(state)
            .windowLength(window).nanoTime(nanos::get).clock(clock).build(),
        CaseEnv.chooser(List.of(CaseEnv.up("eth0", "192.168.1.50")), List.of(CaseEnv.defaultVia("eth0"))));
  }

  private void checkWallClockJumpsChangeNothing(long secondsLeft) {
    clock.shift(Duration.ofHours(1));
    assertThat(agent.status().windowOpen()).isTrue();
    assertThat(agent.status().windowSecondsLeft()).isEqualTo(secondsLeft);
    clock.shift(Duration.ofHours(-2));
    assertThat(agent.status().windowOpen()).isTrue();
    assertThat(agent.status().windowSecondsLeft()).isEqualTo(secondsLeft);
  }

  @Test
  void shortWindowClosesOnMonotonicTimeWhateverTheWallClockDoes() throws Exception {
    agent = start(Duration.ofSeconds(2));
    CaseEnv.await(agent, AgentStatus::lastAnnounceAccepted);
    checkWallClockJumpsChangeNothing(2);

    nanos.addAndGet(Duration.ofMillis(1999).toNanos());
    checkWallClockJumpsChangeNothing(1);
    nanos.addAndGet(Duration.ofMillis(1).toNanos());

    AgentStatus closed = CaseEnv.await(agent, s -> !s.windowOpen());
    assertThat(closed.state()).isEqualTo("not discoverable: discovery window closed (expired)");
  }

  @Test
  void defaultWindowClosesAtTenMinutesOfMonotonicTime() throws Exception {
    agent = start(AgentConfig.DEFAULT_WINDOW_LENGTH);
    checkWallClockJumpsChangeNothing(600);

    nanos.addAndGet(Duration.ofMinutes(10).minusMillis(1).toNanos());
    checkWallClockJumpsChangeNothing(1);
    nanos.addAndGet(Duration.ofMillis(1).toNanos());

    AgentStatus closed = CaseEnv.await(agent, s -> !s.windowOpen());
    assertThat(closed.windowSecondsLeft()).isZero();
  }

  /** A wall clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void shift(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
