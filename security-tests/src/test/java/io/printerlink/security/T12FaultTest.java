package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T12 (issue 3, must-show 4): faults between {@code verified} and {@code token-stored}.
 *
 * <p>(a) The agent runs as its own JVM ({@link AgentProcessMain}); its test-only
 * {@code beforeTokenStore} seam prints a marker when the printer token arrives and holds the
 * agent thread, and the test then kills the process with SIGKILL ({@code destroyForcibly}): the
 * relay has sent the token after {@code verified}, the agent never wrote or acknowledged it.
 *
 * <p>(b) An in-process agent is held at the same moment while the relay is stopped and started
 * again on the same port and data folder.
 *
 * <p>(c) The relay runs as its own JVM ({@link RelayProcessMain}) on the same port and data folder
 * and is killed with SIGKILL at that moment; an in-process relay is then started on that data:
 * its start-up recovery, not a graceful stop, must fail the request and delete the PENDING printer.
 *
 * <p>All assert: no ACTIVE printer without an acknowledged token (the relay's rows, the agent's
 * token file), the client learns the end within 15 s, and the agent links again afterwards.
 */
class T12FaultTest {
  static final Duration CLIENT_BOUND = Duration.ofSeconds(15);

  @TempDir Path temp;
  private AttackFixture f;
  private AttackFixture.Account household;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    household = f.createAccount("household");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void agentProcessKilledBetweenVerifiedAndTokenStored_T12() throws Exception {
    Path state = temp.resolve("crash-agent");
    LinkingCore core = f.signedInCore(household, Clock.systemUTC());
    try (ChildJvm agent = ChildJvm.start(AgentProcessMain.class, f.relayUri().toString(), state.toString(), "crashing-printer")) {
      agent.awaitLine(AgentProcessMain.READY, Duration.ofSeconds(60));
      DiscoveredPrinter printer = core.awaitSinglePrinter();
      CompletableFuture<LinkRequestView> link = core.linkAsync(printer, e -> { });

      agent.awaitLine(AgentProcessMain.TOKEN_ARRIVED, AttackFixture.WAIT);
      assertThat(f.printerRows()).as("verified: the relay holds a PENDING printer")
          .extracting(AttackFixture.PrinterRow::state).containsExactly("PENDING");
      long killedAt = System.nanoTime();
      agent.kill();

      LinkRequestView end = link.get(CLIENT_BOUND.toSeconds(), TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
      assertThat(took).isLessThan(CLIENT_BOUND);
      assertThat(end.linkState()).isEqualTo(LinkState.FAILED);
      assertThat(end.reason()).contains("before confirming it stored its token");
      assertThat(end.printerId()).isNull();
    }
    assertThat(f.printerRows()).as("no printer survives without an acknowledged token").isEmpty();
    assertThat(Files.exists(state.resolve(TokenStore.TOKEN_FILE))).isFalse();

    PrinterAgent fresh = f.startAgent("crashing-printer", state, b -> b);
    AttackFixture.awaitDiscoverable(fresh);
    assertLinksAgain(core, fresh);
  }

  @Test
  void relayStoppedMidLinkAndRestartedOnTheSameData_T12() throws Exception {
    CountDownLatch tokenArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PrinterAgent agent = f.startAgent("held-printer", b -> b.beforeTokenStore(() -> {
      tokenArrived.countDown();
      try {
        release.await(AttackFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    AgentStatus first = AttackFixture.awaitDiscoverable(agent);
    LinkingCore core = f.signedInCore(household, Clock.systemUTC());
    CompletableFuture<LinkRequestView> link = core.linkAsync(core.awaitSinglePrinter(), e -> { });
    assertThat(tokenArrived.await(AttackFixture.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    List<String> verified = f.linkRequestIdsIn("VERIFIED");
    assertThat(verified).hasSize(1);

    long stoppedAt = System.nanoTime();
    f.stopRelay();
    // A graceful stop may still fail the request itself (its agent socket closes first) and push
    // FAILED; otherwise the client's live socket and its polling fail with a clear error.
    String clientSaw = clientOutcome(link);
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(CLIENT_BOUND);
    assertThat(clientSaw).as("a clear reason, not a hang").isNotBlank();
    release.countDown();

    f.restartRelay();
    assertThat(f.printerRows()).as("no PENDING or half printer after the restart").isEmpty();
    LinkRequestView after = f.linkRequest(household, verified.get(0));
    assertThat(after.linkState()).isEqualTo(LinkState.FAILED);
    assertThat(after.reason()).isIn("relay restarted", "relay is shutting down", "the printer disconnected before confirming it stored its token");

    // The agent stored a token the relay never activated: its next connection is refused (401),
    // it wipes the token and opens a fresh window.
    AttackFixture.awaitAgent(agent, "back in discovery with a new window", s -> !s.linked() && s.windowOpen()
        && s.lastAnnounceAccepted() && !first.instanceId().equals(s.instanceId()));
    assertLinksAgain(core, agent);
  }

  /**
   * (c) The relay itself dies mid-link: it runs as its own JVM ({@link RelayProcessMain}) on the
   * fixture's port and data folder and is killed with SIGKILL while the agent holds the printer
   * token, so no shutdown code runs. The relay started again on the same data folder must repair
   * what the crash left (the VERIFIED request, the PENDING printer) by itself.
   */
  @Test
  void relayProcessKilledMidLinkAndRestartedOnTheSameData_T12() throws Exception {
    int port = f.relayUri().getPort();
    f.stopRelay(); // the household's account stays in the data folder
    CountDownLatch tokenArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (ChildJvm relay = ChildJvm.start(RelayProcessMain.class, String.valueOf(port), f.relayDataDir().toString())) {
      relay.awaitLine(RelayProcessMain.READY, Duration.ofSeconds(60));
      PrinterAgent agent = f.startAgent("crash-relay-printer", b -> b.beforeTokenStore(() -> {
        tokenArrived.countDown();
        try {
          release.await(AttackFixture.WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      AgentStatus first = AttackFixture.awaitDiscoverable(agent);
      LinkingCore core = f.signedInCore(household, Clock.systemUTC());
      CompletableFuture<LinkRequestView> link = core.linkAsync(core.awaitSinglePrinter(), e -> { });
      assertThat(tokenArrived.await(AttackFixture.WAIT.toSeconds(), TimeUnit.SECONDS)).as("token sent after verified").isTrue();

      long killedAt = System.nanoTime();
      relay.kill();
      String clientSaw = clientOutcome(link);
      assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(CLIENT_BOUND);
      assertThat(clientSaw).as("a clear reason, not a hang").isNotBlank();
      release.countDown();

      f.restartRelay();
      assertThat(f.printerRows()).as("the crash's PENDING printer is gone after the restart").isEmpty();
      List<String> failed = f.linkRequestIdsIn("FAILED");
      assertThat(failed).as("the unfinished request ended FAILED").hasSize(1);
      assertThat(f.linkRequestIdsIn("VERIFIED")).isEmpty();
      LinkRequestView after = f.linkRequest(household, failed.get(0));
      assertThat(after.reason()).isEqualTo("relay restarted");
      assertThat(after.printerId()).isNull();

      // The agent stored a token the restarted relay never activated: refused (401), wiped, fresh window.
      AttackFixture.awaitAgent(agent, "back in discovery with a new window", s -> !s.linked() && s.windowOpen()
          && s.lastAnnounceAccepted() && !first.instanceId().equals(s.instanceId()));
      assertLinksAgain(core, agent);
    } finally {
      release.countDown();
    }
  }

  /** FAILED with its reason, or the client's error: whichever the client reached within the bound. */
  private static String clientOutcome(CompletableFuture<LinkRequestView> link) throws Exception {
    try {
      LinkRequestView end = link.get(CLIENT_BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(end.linkState()).isEqualTo(LinkState.FAILED);
      return end.reason();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(LinkException.class);
      return ((LinkException) e.getCause()).reason();
    }
  }

  private void assertLinksAgain(LinkingCore core, PrinterAgent agent) throws Exception {
    LinkRequestView again = core.link(core.awaitSinglePrinter(), e -> { });
    assertThat(again.linkState()).isEqualTo(LinkState.LINKED);
    assertThat(f.printerRows()).extracting(AttackFixture.PrinterRow::state).containsExactly("ACTIVE");
    AttackFixture.awaitAgent(agent, "linked", AgentStatus::linked);
  }
}
