package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.status.StatusFile;
import io.printerlink.protocol.LanEndpoint;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-10: printer-a behind a proxy on :80, printer-b and printer-c on 192.168.1.50 at their own
 * ports: three separate announces, each with its own port and state folder. IPv6 literals are
 * bracketed in the client's URL.
 */
class C10PortsAndSeveralAgentsTest {
  @TempDir Path relayData;
  @TempDir Path stateA;
  @TempDir Path stateB;
  @TempDir Path stateC;
  private FieldEnv env;

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private static DiscoveredPrinter only(DiscoveryResponse d) {
    assertThat(d.printers()).hasSize(1);
    return d.printers().get(0);
  }

  @Test
  void threeAgentsOnOneHostAnnounceSeparatelyWithTheirOwnPorts_C10() throws Exception {
    env = new FieldEnv(relayData);
    PrinterAgent a = env.start(env.agentConfig(stateA).name("printer-a").advertiseHost("192.168.1.50:80").build(),
        FieldEnv.lanOnly("eth0", "192.168.1.50"));
    DiscoveredPrinter seenA = only(env.await(d -> d.printers().size() == 1));
    assertThat(seenA.agentName()).isEqualTo("printer-a");
    assertThat(seenA.port()).isEqualTo(80);

    PrinterAgent b = env.start(env.agentConfig(stateB).name("printer-b").build(), FieldEnv.lanOnly("eth0", "192.168.1.50"));
    int portB = b.exchangePort();
    env.await(d -> DiscoveryResponse.MULTIPLE.equals(d.status()));
    a.close();
    DiscoveredPrinter seenB = only(env.await(d -> d.printers().size() == 1 && d.printers().get(0).agentName().equals("printer-b")));

    PrinterAgent c = env.start(env.agentConfig(stateC).name("printer-c").build(), FieldEnv.lanOnly("eth0", "192.168.1.50"));
    int portC = c.exchangePort();
    env.await(d -> DiscoveryResponse.MULTIPLE.equals(d.status()));
    b.close();
    DiscoveredPrinter seenC = only(env.await(d -> d.printers().size() == 1 && d.printers().get(0).agentName().equals("printer-c")));

    assertThat(seenB.port()).isEqualTo(portB);
    assertThat(seenC.port()).isEqualTo(portC);
    assertThat(portB).isNotEqualTo(portC);
    assertThat(seenB.privateIp()).isEqualTo("192.168.1.50");
    assertThat(seenC.privateIp()).isEqualTo("192.168.1.50");
    assertThat(java.util.Set.of(seenA.instanceId(), seenB.instanceId(), seenC.instanceId())).hasSize(3);
    assertThat(StatusFile.read(stateA).lanPort()).isEqualTo(80);
    assertThat(StatusFile.read(stateB).lanPort()).isEqualTo(portB);
    assertThat(StatusFile.read(stateC).lanPort()).isEqualTo(portC);
  }

  @Test
  void ipv6LiteralIsBracketedInTheClientsUrl_C10() throws Exception {
    env = new FieldEnv(relayData);
    PrinterAgent agent = env.start(env.agentConfig(stateA).build(), FieldEnv.lanOnly("eth0", "fd00::50"));

    DiscoveredPrinter p = only(env.await(d -> d.printers().size() == 1));

    assertThat(p.endpoints()).extracting(LanEndpoint::toString)
        .containsExactly("[" + p.privateIp() + "]:" + agent.exchangePort());
    assertThat(p.endpoints().get(0).ip()).startsWith("fd00:");
  }
}
