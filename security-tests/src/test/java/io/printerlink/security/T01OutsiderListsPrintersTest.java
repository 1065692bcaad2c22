package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.api.DiscoveryResponse;
import java.nio.file.Path;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T1: an outsider on another public address lists discoverable printers and sees nothing.
 *
 * <p>How the addresses are produced: the relay, the agent and the household's client all use
 * 127.0.0.1. The outsider's Jetty {@code HttpClient} is bound with {@code setBindAddress} to
 * 127.0.0.2 (its {@code WebSocketClient} is built over that same client), so every TCP
 * connection it makes to the relay has peer address 127.0.0.2: a different network key, exactly
 * as a different public IPv4 address would be. Linux routes all of 127.0.0.0/8 to {@code lo}.
 */
class T01OutsiderListsPrintersTest {
  @TempDir Path temp;
  private AttackFixture f;
  private AgentStatus agent;
  private HttpClient outsider;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    PrinterAgent printer = f.startAgent("victim-printer", b -> b);
    agent = AttackFixture.awaitDiscoverable(printer);
    outsider = f.clientBoundTo("127.0.0.2");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void householdSeesThePrinter_positiveControl_T01() throws Exception {
    AttackFixture.Account household = f.createAccount("household");
    f.awaitListed(household, agent.instanceId());
    assertThat(agent.seenFrom()).isEqualTo("127.0.0.1");
  }

  @Test
  void outsiderListsNothingOverHttp_T01() throws Exception {
    AttackFixture.Account household = f.createAccount("household");
    f.awaitListed(household, agent.instanceId()); // the printer IS in discovery right now

    AttackFixture.Account stranger = f.createAccount(outsider, "stranger");
    DiscoveryResponse seen = f.discovery(outsider, stranger);

    assertThat(seen.seenFrom()).as("the relay saw the outsider's own address").isEqualTo("127.0.0.2");
    assertThat(seen.status()).isEqualTo(DiscoveryResponse.OK);
    assertThat(seen.printers()).isEmpty();
    assertThat(seen.toString()).doesNotContain(agent.instanceId());
  }

  @Test
  void outsiderSeesNothingOnTheEventsSocket_T01() throws Exception {
    AttackFixture.Account household = f.createAccount("household");
    AttackFixture.Account stranger = f.createAccount(outsider, "stranger");
    try (EventsProbe mine = EventsProbe.connect(f.webSocketsOver(f.http), f.relayUri(), household);
        EventsProbe theirs = EventsProbe.connect(f.webSocketsOver(outsider), f.relayUri(), stranger)) {
      assertThat(mine.awaitDiscovery().printers()).extracting(p -> p.instanceId()).containsExactly(agent.instanceId());

      DiscoveryResponse pushed = theirs.awaitDiscovery();
      assertThat(pushed.seenFrom()).isEqualTo("127.0.0.2");
      assertThat(pushed.printers()).isEmpty();

      // A change on the household's key (a second window) is pushed to the household, never to the outsider.
      f.startAgent("second-printer", b -> b);
      mine.await("the household's list change", AttackFixture.WAIT,
          m -> "discovery".equals(m.type()) && DiscoveryResponse.MULTIPLE.equals(m.as(DiscoveryResponse.class).status()));
      assertThat(theirs.drain()).allSatisfy(m -> {
        assertThat(m.type()).isEqualTo("discovery");
        assertThat(m.as(DiscoveryResponse.class).printers()).isEmpty();
      });
      assertThat(theirs.drain().toString()).doesNotContain(agent.instanceId());
    }
  }
}
