package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrintersResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, linked mode: a linked agent stays connected and, when the relay goes away and comes
 * back (restart on the same port and data), reconnects by itself with the production backoff, so
 * the client sees the printer online again within seconds, as the same printer, with no window
 * reopened and its token kept.
 */
class LinkedAgentReconnectTest {
  /** Longest reconnect pause plus the time to connect and say hello on a loaded machine. */
  private static final Duration BACK_ONLINE = AgentConfig.DEFAULT_RECONNECT_MAX.plusSeconds(5);

  @TempDir Path temp;
  private AttackFixture f;
  private AttackFixture.Account owner;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    owner = f.createAccount("owner");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private boolean relaySaysOnline(String printerId) throws Exception {
    return f.send(f.http, HttpMethod.GET, f.relayUri() + "/api/v1/printers", owner.token(), null, Map.of())
        .as(PrintersResponse.class).printers().stream().anyMatch(p -> p.id().equals(printerId) && p.online());
  }

  @Test
  void linkedAgentIsOnlineAgainWithinSecondsOfTheRelayComingBack() throws Exception {
    PrinterAgent agent = f.startAgent("always-on", b -> b
        .reconnectMin(AgentConfig.DEFAULT_RECONNECT_MIN).reconnectMax(AgentConfig.DEFAULT_RECONNECT_MAX));
    AttackFixture.awaitDiscoverable(agent);
    LinkingCore core = f.signedInCore(owner, Clock.systemUTC());
    LinkRequestView linked = core.link(core.awaitSinglePrinter(), e -> { });
    assertThat(linked.linkState()).isEqualTo(LinkState.LINKED);
    String printerId = linked.printerId();
    AttackFixture.awaitAgent(agent, "online", s -> s.state().equals("linked, online"));
    AttackFixture.awaitValue("relay lists the printer online", () -> relaySaysOnline(printerId), b -> b);

    f.stopRelay();
    AgentStatus offline = AttackFixture.awaitAgent(agent, "offline", s -> s.linked() && s.state().startsWith("linked, offline"));
    assertThat(offline.windowOpen()).as("losing the relay is not losing the link").isFalse();

    f.restartRelay();
    long back = System.nanoTime();
    AttackFixture.awaitValue("relay lists the printer online again", () -> relaySaysOnline(printerId), b -> b);
    Duration took = Duration.ofNanos(System.nanoTime() - back);

    assertThat(took).isLessThan(BACK_ONLINE);
    AgentStatus again = AttackFixture.awaitAgent(agent, "online again", s -> s.state().equals("linked, online"));
    assertThat(again.printerId()).isEqualTo(printerId);
    assertThat(again.windowOpen()).isFalse();
    assertThat(f.printerRows()).extracting(AttackFixture.PrinterRow::state).containsExactly("ACTIVE");
  }
}
