package io.printerlink.desktop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.desktop.embedded.EmbeddedEnvironment;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrinterView;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core against a real embedded relay and a real demo agent, over real sockets. */
class LinkingCoreRealEnvTest {
  @TempDir Path data;

  private EmbeddedEnvironment env;
  private CoreClients clients;
  private ExecutorService executor;
  private LinkingCore core;

  @BeforeEach
  void start() throws Exception {
    SecureRandom random = new SecureRandom();
    env = EmbeddedEnvironment.start(data, random);
    CoreConfig config = CoreConfig.defaults().withDiscoveryWait(java.time.Duration.ofSeconds(20));
    clients = CoreClients.start(env.relayUri(), config);
    executor = Executors.newCachedThreadPool();
    core = LinkingCore.create(clients, config, Clock.systemUTC(), System::nanoTime, random, executor);
    core.signIn(env.credentials());
  }

  @AfterEach
  void stop() {
    try {
      if (clients != null) {
        clients.close();
      }
      if (executor != null) {
        executor.shutdownNow();
      }
    } finally {
      if (env != null) {
        env.close();
      }
    }
  }

  @Test
  void linksTheDemoPrinterAndReportsEveryStateInOrder() throws Exception {
    DiscoveredPrinter printer = core.awaitSinglePrinter();
    List<LinkEvent> events = new CopyOnWriteArrayList<>();

    LinkRequestView result = core.link(printer, events::add);

    assertThat(result.linkState()).isEqualTo(LinkState.LINKED);
    assertThat(result.printerId()).isNotBlank();
    assertThat(events).extracting(LinkEvent::step).startsWith(LinkStep.EXCHANGE, LinkStep.PROOF, LinkStep.REQUEST);
    assertThat(events).extracting(LinkEvent::state).filteredOn(s -> s != null).endsWith(LinkState.LINKED);
    assertThat(events).extracting(LinkEvent::at).isSorted();
  }

  @Test
  void linkedPrinterIsListedForTheAccount() throws Exception {
    DiscoveredPrinter printer = core.awaitSinglePrinter();
    LinkRequestView result = core.link(printer, e -> {});

    List<PrinterView> printers = core.printers().printers();

    assertThat(printers).extracting(PrinterView::id).containsExactly(result.printerId());
    assertThat(printers.get(0).model()).isEqualTo(EmbeddedEnvironment.DEMO_MODEL);
  }

  @Test
  void discoveryShowsTheDemoPrinter() throws Exception {
    DiscoveredPrinter printer = core.awaitSinglePrinter();

    assertThat(printer.agentName()).isEqualTo(EmbeddedEnvironment.DEMO_NAME);
    assertThat(printer.model()).isEqualTo(EmbeddedEnvironment.DEMO_MODEL);
    assertThat(printer.privateIp()).isEqualTo("127.0.0.1");
  }

  @Test
  void exchangeWithAClosedPortFailsAtTheExchangeStep() throws Exception {
    DiscoveredPrinter real = core.awaitSinglePrinter();
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    DiscoveredPrinter wrong =
        new DiscoveredPrinter(real.instanceId(), "127.0.0.1", closed, real.hostname(), real.agentName(),
            real.agentVersion(), real.model(), real.windowSecondsLeft());

    assertThatThrownBy(() -> core.link(wrong, e -> {}))
        .isInstanceOfSatisfying(LinkException.class, e -> {
          assertThat(e.step()).isEqualTo(LinkStep.EXCHANGE);
          assertThat(e.reason()).isEqualTo("printer unreachable at 127.0.0.1:" + closed);
        });
  }

  @Test
  void exchangeWithAWrongInstanceIdIsRefusedByThePrinter() throws Exception {
    DiscoveredPrinter real = core.awaitSinglePrinter();
    DiscoveredPrinter wrong =
        new DiscoveredPrinter("11111111-2222-4333-8444-555555555555", real.privateIp(), real.port(), real.hostname(),
            real.agentName(), real.agentVersion(), real.model(), real.windowSecondsLeft());

    assertThatThrownBy(() -> core.link(wrong, e -> {}))
        .isInstanceOfSatisfying(LinkException.class, e -> {
          assertThat(e.step()).isEqualTo(LinkStep.EXCHANGE);
          assertThat(e.reason()).startsWith("printer refused");
        });
  }

  @Test
  void wrongPasswordIsBadCredentials() throws Exception {
    Credentials wrong =
        new Credentials(env.credentials().username(), io.printerlink.protocol.Secret.fromText("not-the-password"), false);

    assertThatThrownBy(() -> core.signIn(wrong))
        .isInstanceOfSatisfying(RelayException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCodes.BAD_CREDENTIALS);
          assertThat(e.httpStatus()).isEqualTo(401);
        });
  }
}
