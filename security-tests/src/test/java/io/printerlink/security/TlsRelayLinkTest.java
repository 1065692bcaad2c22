package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentMain;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.RelayTrust;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay with a TLS keystore serves https/wss only; agent and client verify its certificate
 * against the CA given with {@code --relay-ca} and link over it; a wrong CA fails with a message
 * that says so, and nothing links.
 */
class TlsRelayLinkTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path certs;
  @TempDir Path relayData;
  @TempDir Path agentState;

  private final SecureRandom random = new SecureRandom();
  private TestCertificates relayCert;
  private RelayServer relay;
  private PrinterAgent agent;
  private CoreClients clients;
  private ExecutorService executor;

  @BeforeEach
  void startTlsRelay() throws Exception {
    relayCert = TestCertificates.generate(certs, "relay");
    relay = RelayServer.start(RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(relayData)
        .allowLoopbackAgents(true).passwordIterations(1000)
        .tlsKeystore(relayCert.keystore, Secret.fromText(TestCertificates.PASSWORD)).build());
    executor = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() {
    if (clients != null) {
      clients.close();
    }
    executor.shutdownNow();
    if (agent != null) {
      agent.close();
    }
    relay.close();
  }

  @Test
  void agentAndClientLinkOverHttpsAndWssWithTheRelayCa() throws Exception {
    assertThat(relay.httpUri().getScheme()).isEqualTo("https");
    RelayTrust trust = RelayTrust.fromPem(relayCert.certPem);
    agent = startAgent(trust);
    clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults(), trust);
    LinkingCore core = core();
    core.signIn(new Credentials("tls-user", Secret.fromText("correct horse battery"), true));

    DiscoveredPrinter printer = core.awaitSinglePrinter();
    LinkRequestView result = core.link(printer, e -> { });

    assertThat(result.linkState()).isEqualTo(LinkState.LINKED);
    assertThat(awaitStatus(agent, s -> s.linked() && s.printerId() != null).printerId()).isEqualTo(result.printerId());
  }

  @Test
  void clientWithAnotherCaIsRefusedWithAClearMessage() throws Exception {
    TestCertificates other = TestCertificates.generate(certs, "other");
    clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults(), RelayTrust.fromPem(other.certPem));

    assertThatThrownBy(() -> core().signIn(new Credentials("tls-user", Secret.fromText("correct horse battery"), true)))
        .isInstanceOf(RelayException.class)
        .hasMessageContaining("the relay's TLS certificate is not trusted")
        .hasMessageContaining("--relay-ca");
  }

  @Test
  void clientWithTheSystemTrustStoreRefusesTheSelfSignedRelay() throws Exception {
    clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults(), RelayTrust.system());

    assertThatThrownBy(() -> core().signIn(new Credentials("tls-user", Secret.fromText("correct horse battery"), true)))
        .isInstanceOf(RelayException.class)
        .hasMessageContaining("the relay's TLS certificate is not trusted");
  }

  @Test
  void agentWithAnotherCaNeverAnnouncesAndSaysWhy() throws Exception {
    TestCertificates other = TestCertificates.generate(certs, "other");
    agent = startAgent(RelayTrust.fromPem(other.certPem));

    AgentStatus status = awaitStatus(agent, s -> s.lastError() != null);

    assertThat(status.lastError()).contains("the relay's TLS certificate is not trusted");
    assertThat(status.lastAnnounceAccepted()).isFalse();
  }

  @Test
  void relayWithAKeystoreDoesNotSpeakPlainHttp() throws Exception {
    URI plain = URI.create("http://127.0.0.1:" + relay.port());
    clients = CoreClients.start(plain, CoreConfig.defaults(), RelayTrust.system());

    assertThatThrownBy(() -> core().signIn(new Credentials("tls-user", Secret.fromText("correct horse battery"), true)))
        .isInstanceOf(RelayException.class)
        .satisfies(e -> assertThat(((RelayException) e).code()).isEqualTo(RelayException.UNREACHABLE));
  }

  @Test
  void linkWithACodeGoesOverHttpsWithTheRelayCaAndSaysWhyWithoutIt() throws Exception {
    RelayTrust trust = RelayTrust.fromPem(relayCert.certPem);
    clients = CoreClients.start(relay.httpUri(), CoreConfig.defaults(), trust);
    LinkingCore core = core();
    core.signIn(new Credentials("tls-coder", Secret.fromText("correct horse battery"), true));
    String code = core.issueLinkCode().code();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int untrusted = AgentMain.execute(new String[] {"link", "--code", code, "--relay", relay.httpUri().toString(),
        "--state-dir", agentState.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(untrusted).isEqualTo(1);
    assertThat(err.toString()).contains("the relay's TLS certificate is not trusted").contains("--relay-ca");

    int linked = AgentMain.execute(new String[] {"link", "--code", code, "--relay", relay.httpUri().toString(),
        "--relay-ca", relayCert.certPem.toString(), "--state-dir", agentState.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(linked).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Linked to account \"tls-coder\"");
  }

  private PrinterAgent startAgent(RelayTrust trust) throws Exception {
    return PrinterAgent.start(AgentConfig.builder()
        .relayUri(relay.httpUri())
        .relayTrust(trust)
        .port(0)
        .bindHost("127.0.0.1")
        .stateDir(agentState)
        .name("printer-tls")
        .advertiseHost("127.0.0.1")
        .build());
  }

  private LinkingCore core() {
    return LinkingCore.create(clients, CoreConfig.defaults().withDiscoveryWait(WAIT), Clock.systemUTC(), System::nanoTime,
        random, executor);
  }

  private static AgentStatus awaitStatus(PrinterAgent agent, java.util.function.Predicate<AgentStatus> condition)
      throws InterruptedException {
    BlockingQueue<AgentStatus> updates = new LinkedBlockingQueue<>();
    agent.addListener(updates::add);
    try {
      long deadline = System.nanoTime() + WAIT.toNanos();
      AgentStatus s = agent.status();
      while (!condition.test(s)) {
        long left = deadline - System.nanoTime();
        AgentStatus next = left > 0 ? updates.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          throw new AssertionError("agent status never matched; last: " + agent.status());
        }
        s = next;
      }
      return s;
    } finally {
      agent.removeListener(updates::add);
    }
  }
}
