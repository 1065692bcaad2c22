package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkListener;
import io.printerlink.desktop.core.LinkStep;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-04: the agent runs in a bridged container whose only interface is eth0 172.17.0.5/16; the host
 * is 192.168.1.50. With {@code --advertise-host 192.168.1.50:8080} the agent announces that. Without
 * it, the client's connection to the unreachable private address gives up within the 3 s budget
 * (then the wizard offers the 6-digit code) instead of hanging; a reachable candidate is tried next.
 */
class C04AgentInBridgedContainerTest {
  /** Nothing answers here (TEST-NET-style private address with no host behind it). */
  private static final String UNREACHABLE = "10.255.255.1";
  @TempDir Path relayData;
  @TempDir Path state;
  private FieldEnv env;

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void advertiseHostWithPortIsWhatTheClientSees_C04() throws Exception {
    env = new FieldEnv(relayData);
    env.start(env.agentConfig(state).advertiseHost("192.168.1.50:8080").build(), FieldEnv.lanOnly("eth0", "172.17.0.5"));

    DiscoveredPrinter p = env.await(d -> d.printers().size() == 1).printers().get(0);

    assertThat(p.privateIp()).isEqualTo("192.168.1.50");
    assertThat(p.port()).isEqualTo(8080);
    assertThat(p.candidates()).isNull();
  }

  @Test
  void withoutAdvertiseHostTheContainerAddressIsAnnounced_C04() throws Exception {
    env = new FieldEnv(relayData);
    PrinterAgent agent = env.start(env.agentConfig(state).build(), FieldEnv.lanOnly("eth0", "172.17.0.5"));

    DiscoveredPrinter p = env.await(d -> d.printers().size() == 1).printers().get(0);

    assertThat(p.privateIp()).isEqualTo("172.17.0.5");
    assertThat(p.port()).isEqualTo(agent.exchangePort());
  }

  @Test
  void unreachablePrivateAddressGivesUpWithinTheBudgetAtTheExchangeStep_C04() throws Exception {
    env = new FieldEnv(relayData);
    env.start(env.agentConfig(state).build(), FieldEnv.lanOnly("eth0", UNREACHABLE));
    DiscoveredPrinter p = env.await(d -> d.printers().size() == 1).printers().get(0);
    LinkListener ignore = e -> { };

    long start = System.nanoTime();
    LinkException e = catchThrowableOfType(() -> env.core.link(p, ignore), LinkException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.step()).isEqualTo(LinkStep.EXCHANGE);
    assertThat(e.reason()).startsWith("printer unreachable at " + UNREACHABLE + ":");
    assertThat(took).isLessThan(CoreConfig.DEFAULT_LAN_TOTAL_TIMEOUT.plusSeconds(2));
  }

  @Test
  void clientTriesTheCandidatesInOrderAfterAnUnreachablePrivateIp_C04() throws Exception {
    env = new FieldEnv(relayData);
    PrinterAgent agent = env.start(env.agentConfig(state).advertiseHost("127.0.0.1").build(),
        FieldEnv.lanOnly("eth0", "192.168.1.50"));
    DiscoveredPrinter listed = env.await(d -> d.printers().size() == 1).printers().get(0);
    DiscoveredPrinter viaCandidate = new DiscoveredPrinter(listed.instanceId(), UNREACHABLE, agent.exchangePort(),
        listed.hostname(), listed.agentName(), listed.agentVersion(), listed.model(), listed.windowSecondsLeft(),
        List.of("127.0.0.1:" + agent.exchangePort()));

    Secret secret = env.clients.lan().exchange(viaCandidate);

    assertThat(secret.length()).isEqualTo(32);
    secret.destroy();
  }
}
