package io.printerlink.security;

import static io.printerlink.security.RelayFixture.HOME;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.security.RelayFixture.Resp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T9: several accounts race to link one printer. A real {@link PrinterAgent} is in discovery; each
 * account, on the printer's own network (sockets from 127.0.0.1), learns the local secret over the
 * agent's LAN exchange and makes its own valid proof, then all link requests are released at once
 * from separate threads over separate connections.
 */
class T09LinkRaceTest {
  @TempDir Path dir;
  RelayFixture f;
  PrinterAgent agent;
  DiscoveredPrinter printer;
  Secret localSecret;
  ExecutorService threads;

  @BeforeEach
  void start() throws Exception {
    // Presence outlives the test, so a late retry still finds the spent id (not its expiry).
    f = RelayFixture.start(dir.resolve("relay"), b -> b.presenceExpiry(Duration.ofMinutes(2)));
    agent = f.startAgent(dir.resolve("agent"), "race-printer");
    SessionResponse looker = f.signUp(HOME);
    printer = RelayFixture.awaitValue("the printer is in discovery", () -> {
      try {
        return f.discovery(HOME, looker).printers().stream().findFirst().orElse(null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    localSecret = f.exchange(HOME, printer);
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    f.close();
  }

  /** All accounts send their link request at the same instant; replies in account order. */
  private List<Resp> race(List<SessionResponse> accounts) throws Exception {
    CountDownLatch ready = new CountDownLatch(accounts.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Resp>> replies = new ArrayList<>();
    for (SessionResponse a : accounts) {
      String body = io.printerlink.protocol.Json.write(f.linkRequest(a, printer.instanceId(), localSecret));
      replies.add(threads.submit(() -> {
        ready.countDown();
        go.await();
        return f.call(HOME, "POST", "/api/v1/link-requests", RelayFixture.token(a), body);
      }));
    }
    assertThat(ready.await(RelayFixture.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<Resp> out = new ArrayList<>();
    for (Future<Resp> r : replies) {
      out.add(r.get(RelayFixture.WAIT.toSeconds(), TimeUnit.SECONDS));
    }
    return out;
  }

  private List<SessionResponse> accounts(int n) throws Exception {
    List<SessionResponse> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(f.signUp(HOME));
    }
    return out;
  }

  private static int winner(List<Resp> replies) {
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < replies.size(); i++) {
      if (replies.get(i).status() == 202) {
        accepted.add(i);
      }
    }
    assertThat(accepted).as("accepted link requests").hasSize(1);
    return accepted.get(0);
  }

  @Test
  void twoAccountsRacingExactlyOneIsAcceptedAndTheOtherGetsLinkInProgress_T09() throws Exception {
    List<Resp> replies = race(accounts(2));

    int w = winner(replies);
    Resp loser = replies.get(1 - w);
    assertThat(loser.status()).isEqualTo(409);
    assertThat(loser.error()).isEqualTo(ErrorCodes.LINK_IN_PROGRESS);
  }

  @Test
  void theWinnerEndsLinkedAndTheAgentIsLinkedToTheWinner_T09() throws Exception {
    List<SessionResponse> accounts = accounts(2);
    List<Resp> replies = race(accounts);
    int w = winner(replies);
    SessionResponse winner = accounts.get(w);

    LinkRequestView end = f.awaitEnd(HOME, winner, replies.get(w).as(LinkRequestView.class).id());

    assertThat(end.linkState()).isEqualTo(LinkState.LINKED);
    AgentStatus status = RelayFixture.awaitStatus(agent, "the agent is linked", AgentStatus::linked);
    assertThat(status.printerId()).isEqualTo(end.printerId());
    assertThat(status.accountName()).isEqualTo(winner.displayName());
  }

  @Test
  void neverTwoPrinterRowsAndTheLoserHasNoPrinter_T09() throws Exception {
    List<SessionResponse> accounts = accounts(2);
    List<Resp> replies = race(accounts);
    int w = winner(replies);
    f.awaitEnd(HOME, accounts.get(w), replies.get(w).as(LinkRequestView.class).id());

    assertThat(f.count("SELECT COUNT(*) FROM printers")).isEqualTo(1);
    assertThat(f.count("SELECT COUNT(*) FROM printers WHERE account_id = ?", accounts.get(1 - w).accountId())).isZero();
    assertThat(f.call(HOME, "GET", "/api/v1/printers", RelayFixture.token(accounts.get(1 - w)), null)
        .as(PrintersResponse.class).printers()).isEmpty();
    assertThat(f.count("SELECT COUNT(*) FROM link_requests")).as("the loser's request was never stored").isEqualTo(1);
  }

  @Test
  void eightAccountsRacingStillGiveExactlyOneWinner_T09() throws Exception {
    List<SessionResponse> accounts = accounts(8);
    List<Resp> replies = race(accounts);

    int w = winner(replies);
    for (int i = 0; i < replies.size(); i++) {
      if (i != w) {
        assertThat(replies.get(i).status()).isEqualTo(409);
        assertThat(replies.get(i).error()).isEqualTo(ErrorCodes.LINK_IN_PROGRESS);
      }
    }
    f.awaitEnd(HOME, accounts.get(w), replies.get(w).as(LinkRequestView.class).id());
    assertThat(f.count("SELECT COUNT(*) FROM printers")).isEqualTo(1);
  }

  @Test
  void theLoserRetryingAfterTheLinkStillGetsAConflictAndNoPrinter_T09() throws Exception {
    List<SessionResponse> accounts = accounts(2);
    List<Resp> replies = race(accounts);
    int w = winner(replies);
    f.awaitEnd(HOME, accounts.get(w), replies.get(w).as(LinkRequestView.class).id());
    SessionResponse loser = accounts.get(1 - w);

    Resp retry = f.call(HOME, "POST", "/api/v1/link-requests", RelayFixture.token(loser),
        f.linkRequest(loser, printer.instanceId(), localSecret));

    assertThat(retry.status()).isEqualTo(409);
    assertThat(retry.error()).isEqualTo(ErrorCodes.LINK_IN_PROGRESS);
    assertThat(f.count("SELECT COUNT(*) FROM printers")).isEqualTo(1);
  }
}
