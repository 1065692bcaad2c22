package io.printerlink.agent.cases;

import static io.printerlink.agent.cases.CaseEnv.defaultVia;
import static io.printerlink.agent.cases.CaseEnv.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.net.AddressChooser;
import io.printerlink.agent.net.AddressChooser.HostNetwork;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.relay.RelayServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-13: at start the agent has no usable address; one appears 25 s later (DHCP) and changes at
 * 300 s. The agent keeps trying, announces within a few seconds of the address appearing, and the
 * change updates the same entry (same instance id, no duplicate). The window counts from its
 * opening on the monotonic clock.
 */
class C13NetworkNotUpAtBootTest {
  @TempDir Path relayData;
  @TempDir Path state;
  private RelayServer relay;
  private PrinterAgent agent;
  private CaseEnv.Watcher client;

  @AfterEach
  void stop() throws Exception {
    try {
      if (client != null) {
        client.close();
      }
      if (agent != null) {
        agent.close();
      }
    } finally {
      if (relay != null) {
        relay.close();
      }
    }
  }

  private static HostNetwork lanWith(String address) {
    return new HostNetwork(List.of(up("lo", "127.0.0.1"), up("eth0", address)), List.of(defaultVia("eth0")));
  }

  @Test
  void lateAddressIsAnnouncedPromptlyAndAChangeUpdatesTheSameEntry_C13() throws Exception {
    relay = CaseEnv.relay(relayData);
    client = new CaseEnv.Watcher(relay, CaseEnv.signUp(relay, "ada"));
    AtomicReference<HostNetwork> network =
        new AtomicReference<>(new HostNetwork(List.of(up("lo", "127.0.0.1")), List.of()));
    AtomicLong nanos = new AtomicLong(5_000_000_000L);
    agent = PrinterAgent.start(
        AgentConfig.builder().relayUri(relay.httpUri()).port(0).bindHost("127.0.0.1").stateDir(state)
            .nanoTime(nanos::get).build(),
        new AddressChooser(network::get, false));

    AgentStatus waiting = CaseEnv.await(agent, s -> s.state().startsWith("not discoverable yet: no private LAN address"));
    assertThat(waiting.windowOpen()).isTrue();
    assertThat(waiting.advertisedAddress()).isNull();
    String instance = waiting.instanceId();

    nanos.addAndGet(Duration.ofSeconds(25).toNanos());
    long appeared = System.nanoTime();
    network.set(lanWith("192.168.1.50"));
    DiscoveryResponse first = client.await(d -> d.printers().size() == 1);
    long tookMillis = Duration.ofNanos(System.nanoTime() - appeared).toMillis();

    DiscoveredPrinter p = first.printers().get(0);
    assertThat(p.privateIp()).isEqualTo("192.168.1.50");
    assertThat(p.instanceId()).isEqualTo(instance);
    assertThat(p.windowSecondsLeft()).as("the window counts from its opening, not from the first announce")
        .isLessThanOrEqualTo(575);
    assertThat(tookMillis).as("announced within a few seconds of the address appearing").isLessThan(3000);

    nanos.addAndGet(Duration.ofSeconds(275).toNanos());
    network.set(lanWith("192.168.1.77"));
    DiscoveryResponse changed = client.await(d -> d.printers().size() == 1
        && d.printers().get(0).privateIp().equals("192.168.1.77"));

    assertThat(changed.status()).isEqualTo(DiscoveryResponse.OK);
    assertThat(changed.printers()).singleElement().satisfies(q -> {
      assertThat(q.instanceId()).isEqualTo(instance);
      assertThat(q.windowSecondsLeft()).isLessThanOrEqualTo(300);
    });
    assertThat(agent.status().advertisedAddress()).isEqualTo("192.168.1.77");
  }
}
