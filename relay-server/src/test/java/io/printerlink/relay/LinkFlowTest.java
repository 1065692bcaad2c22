package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterHello;
import io.printerlink.protocol.ws.PrinterStatus;
import io.printerlink.protocol.ws.PrinterToken;
import io.printerlink.protocol.ws.Verify;
import io.printerlink.protocol.ws.WsError;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PROTOCOL.md steps 5-9 on the relay side, with a scripted agent over a real socket. */
class LinkFlowTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  TestRelay t;

  @AfterEach
  void stop() throws Exception {
    if (t != null) {
      t.close();
    }
  }

  /** One agent in discovery with its local secret, and one signed-in user watching events. */
  final class Scene {
    final String instanceId = TestRelay.newInstanceId();
    final Secret localSecret = Secrets.newLocalSecret(RANDOM);
    final SessionResponse user;
    final String token;
    final TestRelay.Socket agent;
    final TestRelay.Socket events;

    Scene() throws Exception {
      user = t.signUp();
      token = TestRelay.token(user);
      agent = t.agent(instanceId);
      events = t.connect("/client/v1/events", token);
      events.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class);
    }

    LinkRequestCreate request(SessionResponse as) {
      String nonce = Secrets.newNonce(RANDOM, Limits.NONCE_BYTES);
      return new LinkRequestCreate(instanceId, nonce, Proof.compute(localSecret, instanceId, as.accountId(), nonce));
    }

    TestRelay.Resp post(SessionResponse as) throws Exception {
      return t.call("POST", "/api/v1/link-requests", TestRelay.token(as), request(as));
    }

    /** Posts a request and returns the verify the agent receives. */
    Verify requestAndReceiveVerify() throws Exception {
      TestRelay.Resp r = post(user);
      assertThat(r.status()).isEqualTo(202);
      return agent.nextOf(Messages.RELAY_TO_AGENT, Messages.VERIFY, Verify.class);
    }

    LinkRequestView nextState() throws Exception {
      return events.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_STATE, LinkRequestView.class);
    }

    LinkRequestView awaitState(LinkState state) throws Exception {
      while (true) {
        LinkRequestView v = nextState();
        if (v.linkState() == state) {
          return v;
        }
        assertThat(v.linkState().isFinal()).as("ended in " + v.state() + " instead of " + state).isFalse();
      }
    }
  }

  private void startRelay() throws Exception {
    startRelay(b -> { });
  }

  private void startRelay(Consumer<RelayConfig.Builder> tweak) throws Exception {
    t = TestRelay.start(dir, tweak);
  }

  private int count(String sql) throws Exception {
    try (Connection c = t.db(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void fullLinkEndsLinkedWithAnActivePrinterAndOnlyItsTokenHashStored() throws Exception {
    startRelay();
    Scene s = new Scene();

    TestRelay.Resp created = s.post(s.user);
    assertThat(created.status()).isEqualTo(202);
    LinkRequestView view = created.as(LinkRequestView.class);
    assertThat(view.id()).startsWith("lr_");
    assertThat(view.linkState()).isEqualTo(LinkState.DELIVERED);

    Verify verify = s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.VERIFY, Verify.class);
    assertThat(verify.linkRequestId()).isEqualTo(view.id());
    assertThat(verify.accountId()).isEqualTo(s.user.accountId());
    assertThat(verify.accountName()).isEqualTo(s.user.displayName());
    assertThat(Proof.verify(s.localSecret, s.instanceId, verify.accountId(), verify.nonce(), verify.proof())).isTrue();

    s.agent.send(Messages.VERIFIED, new LinkRequestRef(view.id()));
    PrinterToken token = s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);
    assertThat(token.linkRequestId()).isEqualTo(view.id());
    assertThat(token.accountId()).isEqualTo(s.user.accountId());
    assertThat(token.printerId()).startsWith("prn_");
    assertThat(count("SELECT COUNT(*) FROM printers WHERE state = 'PENDING'")).isEqualTo(1);

    s.agent.send(Messages.TOKEN_STORED, new LinkRequestRef(view.id()));
    LinkRequestView linked = s.awaitState(LinkState.LINKED);
    assertThat(linked.printerId()).isEqualTo(token.printerId());

    TestRelay.Resp get = t.call("GET", "/api/v1/link-requests/" + view.id(), s.token, null);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.as(LinkRequestView.class).linkState()).isEqualTo(LinkState.LINKED);
    PrintersResponse printers = t.call("GET", "/api/v1/printers", s.token, null).as(PrintersResponse.class);
    assertThat(printers.printers()).extracting(p -> p.id()).containsExactly(token.printerId());
    // Named as the client saw it on the discovery card: the agent's name (its host name only when it has none).
    assertThat(printers.printers().get(0).name()).isEqualTo("printer-agent");
    try (Connection c = t.db();
        ResultSet rs = c.createStatement().executeQuery("SELECT state, token_hash FROM printers")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ACTIVE");
      assertThat(rs.getString(2)).isEqualTo(Secrets.sha256Hex(token.token()))
          .isNotEqualTo(token.token().text(SecretAccess.REVEAL));
      assertThat(rs.next()).isFalse();
    }
    DiscoveryResponse after = t.call("GET", "/api/v1/discovery", s.token, null).as(DiscoveryResponse.class);
    assertThat(after.printers()).isEmpty();
  }

  @Test
  void linkedPrinterConnectsAndIsShownOnline() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    PrinterToken token = s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);
    s.agent.send(Messages.TOKEN_STORED, new LinkRequestRef(v.linkRequestId()));
    s.awaitState(LinkState.LINKED);

    TestRelay.Socket printer = t.connect("/agent/v1/printer", token.token().text(SecretAccess.REVEAL));

    PrinterHello hello = printer.nextOf(Messages.RELAY_TO_PRINTER, Messages.HELLO, PrinterHello.class);
    assertThat(hello.printerId()).isEqualTo(token.printerId());
    assertThat(hello.accountId()).isEqualTo(s.user.accountId());
    PrinterStatus status = s.events.nextOf(Messages.RELAY_TO_CLIENT, Messages.PRINTER, PrinterStatus.class);
    assertThat(status.online()).isTrue();
    assertThat(t.call("GET", "/api/v1/printers", s.token, null).as(PrintersResponse.class).printers().get(0).online())
        .isTrue();
  }

  @Test
  void unlinkRevokesTheTokenAndClosesThePrinterSocket_T16() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    PrinterToken token = s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);
    s.agent.send(Messages.TOKEN_STORED, new LinkRequestRef(v.linkRequestId()));
    s.awaitState(LinkState.LINKED);
    String printerToken = token.token().text(SecretAccess.REVEAL);
    TestRelay.Socket printer = t.connect("/agent/v1/printer", printerToken);
    printer.nextOf(Messages.RELAY_TO_PRINTER, Messages.HELLO, PrinterHello.class);

    assertThat(t.call("DELETE", "/api/v1/printers/" + token.printerId(), s.token, null).status()).isEqualTo(204);

    assertThat(printer.awaitClose()).isEqualTo(1008);
    assertThatThrownBy(() -> t.connect("/agent/v1/printer", printerToken))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(UpgradeException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(401));
    assertThat(t.call("GET", "/api/v1/printers", s.token, null).as(PrintersResponse.class).printers()).isEmpty();
  }

  @Test
  void unlinkingAnotherAccountsPrinterIsNotFound() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    PrinterToken token = s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);
    s.agent.send(Messages.TOKEN_STORED, new LinkRequestRef(v.linkRequestId()));
    s.awaitState(LinkState.LINKED);

    TestRelay.Resp r = t.call("DELETE", "/api/v1/printers/" + token.printerId(), TestRelay.token(t.signUp()), null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_FOUND);
  }

  @Test
  void unknownPrinterTokenIsRefusedAtUpgrade_T16() throws Exception {
    startRelay();

    assertThatThrownBy(() -> t.connect("/agent/v1/printer", Secrets.newToken(RANDOM).text(SecretAccess.REVEAL)))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(UpgradeException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(401));
  }

  @Test
  void rejectedProofEndsRejectedWithoutAPrinter_T08() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();

    s.agent.send(Messages.REJECTED, new LinkRequestRef(v.linkRequestId()));

    LinkRequestView end = s.awaitState(LinkState.REJECTED);
    assertThat(end.reason()).isEqualTo("the printer rejected the proof");
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
    assertThat(t.call("GET", "/api/v1/link-requests/" + v.linkRequestId(), s.token, null)
        .as(LinkRequestView.class).linkState()).isEqualTo(LinkState.REJECTED);
  }

  @Test
  void missingTokenAckRollsThePrinterBack_T12() throws Exception {
    startRelay(b -> b.tokenAckTimeout(Duration.ofMillis(300)));
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    PrinterToken token = s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);

    LinkRequestView end = s.awaitState(LinkState.FAILED);

    assertThat(end.reason()).isEqualTo("the printer did not confirm it stored its token in time");
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
    s.agent.send(Messages.TOKEN_STORED, new LinkRequestRef(v.linkRequestId()));
    assertThat(s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class).error()).isEqualTo(ErrorCodes.NOT_FOUND);
    assertThatThrownBy(() -> t.connect("/agent/v1/printer", token.token().text(SecretAccess.REVEAL)))
        .cause().isInstanceOfSatisfying(UpgradeException.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(401));
  }

  @Test
  void agentDisconnectingBeforeTokenAckFailsAndRollsBack_T12() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);

    s.agent.close();

    LinkRequestView end = s.awaitState(LinkState.FAILED);
    assertThat(end.reason()).isEqualTo("the printer disconnected before confirming it stored its token");
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
  }

  @Test
  void agentDisconnectingBeforeAnsweringFails() throws Exception {
    startRelay();
    Scene s = new Scene();
    s.requestAndReceiveVerify();

    s.agent.close();

    assertThat(s.awaitState(LinkState.FAILED).reason()).isEqualTo("the printer disconnected before answering");
  }

  @Test
  void unansweredVerifyExpires() throws Exception {
    startRelay(b -> b.linkRequestExpiry(Duration.ofMillis(300)));
    Scene s = new Scene();
    s.requestAndReceiveVerify();

    assertThat(s.awaitState(LinkState.EXPIRED).reason()).isEqualTo("the printer did not answer in time");
  }

  @Test
  void relayRestartFailsUnfinishedLinksAndDeletesPendingPrinters_T12() throws Exception {
    startRelay();
    SessionResponse user = t.signUp();
    t.close();
    // What a relay killed between "verified" and "token-stored" leaves behind:
    try (Connection c = t.db()) {
      c.createStatement().executeUpdate("INSERT INTO link_requests (id, account_id, instance_id, state, created_at, updated_at) "
          + "VALUES ('lr_crashed', '" + user.accountId() + "', '" + TestRelay.newInstanceId() + "', 'VERIFIED', "
          + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      c.createStatement().executeUpdate("INSERT INTO printers (id, account_id, name, model, token_hash, state, link_request_id, created_at) "
          + "VALUES ('prn_half', '" + user.accountId() + "', 'octopi', 'MK4', '" + "0".repeat(64) + "', 'PENDING', "
          + "'lr_crashed', CURRENT_TIMESTAMP)");
    }

    t = TestRelay.start(dir);

    LinkRequestView after = t.call("GET", "/api/v1/link-requests/lr_crashed", TestRelay.token(user), null)
        .as(LinkRequestView.class);
    assertThat(after.linkState()).isEqualTo(LinkState.FAILED);
    assertThat(after.reason()).isEqualTo("relay restarted");
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
  }

  @Test
  void relayShutdownMidLinkLeavesNoPrinter_T12() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);

    t.close();
    t = TestRelay.start(dir);

    LinkRequestView after = t.call("GET", "/api/v1/link-requests/" + v.linkRequestId(), s.token, null)
        .as(LinkRequestView.class);
    assertThat(after.linkState()).isEqualTo(LinkState.FAILED);
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
  }

  /**
   * Graceful stop, the good case: a link in flight when the relay is told to stop still finishes
   * within the grace (the agent acknowledges its token), while new link requests get 503
   * SHUTTING_DOWN; after the restart the printer is ACTIVE.
   */
  @Test
  void gracefulStopLetsALinkInFlightFinishAndRefusesNewOnes() throws Exception {
    startRelay(b -> b.shutdownGrace(Duration.ofSeconds(30))
        .linkRequestsPerAccount(io.printerlink.relay.limits.Rate.perSecond(100_000))
        .linkRequestsPerKey(io.printerlink.relay.limits.Rate.perSecond(100_000)));
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);
    ExecutorService stopper = Executors.newSingleThreadExecutor();
    try {
      Future<?> stopping = stopper.submit(t.relay::close);

      // Until the stop begins, the same request is "in progress"; from then on the relay refuses it.
      TestRelay.Resp refused;
      long deadline = System.nanoTime() + Duration.ofSeconds(TestRelay.WAIT_SECONDS).toNanos();
      do {
        refused = s.post(s.user);
      } while (refused.status() == 409 && System.nanoTime() < deadline);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.error()).isEqualTo(ErrorCodes.SHUTTING_DOWN);
      assertThat(stopping).isNotDone();

      s.agent.send(Messages.TOKEN_STORED, new LinkRequestRef(v.linkRequestId()));
      assertThat(s.awaitState(LinkState.LINKED).printerId()).isNotNull();
      stopping.get(TestRelay.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      stopper.shutdownNow();
    }

    t.close();
    t = TestRelay.start(dir);
    assertThat(t.call("GET", "/api/v1/link-requests/" + v.linkRequestId(), s.token, null)
        .as(LinkRequestView.class).linkState()).isEqualTo(LinkState.LINKED);
    assertThat(count("SELECT COUNT(*) FROM printers WHERE state = 'ACTIVE'")).isEqualTo(1);
  }

  /**
   * Graceful stop, the bad case: a link whose agent never acknowledges its token is ended FAILED
   * "relay is shutting down" when the grace runs out, its client is told before the sockets close,
   * and no printer is left behind (the restart's recovery had nothing to repair).
   */
  @Test
  void gracefulStopFailsALinkThatOutlivesTheGraceAndTellsItsClient() throws Exception {
    startRelay(b -> b.shutdownGrace(Duration.ofMillis(300)));
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));
    s.agent.nextOf(Messages.RELAY_TO_AGENT, Messages.TOKEN, PrinterToken.class);

    t.relay.close();

    LinkRequestView told = s.awaitState(LinkState.FAILED);
    assertThat(told.reason()).isEqualTo("relay is shutting down");
    t.close();
    t = TestRelay.start(dir);
    LinkRequestView after = t.call("GET", "/api/v1/link-requests/" + v.linkRequestId(), s.token, null)
        .as(LinkRequestView.class);
    assertThat(after.linkState()).isEqualTo(LinkState.FAILED);
    assertThat(after.reason()).isEqualTo("relay is shutting down");
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
  }

  @Test
  void linkRequestFromAnotherNetworkIsNotInDiscovery_T04() throws Exception {
    startRelay();
    Scene s = new Scene();

    TestRelay.Resp r = t.call(t.otherNetwork, "POST", "/api/v1/link-requests", s.token, s.request(s.user));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);
  }

  @Test
  void linkRequestForUnknownInstanceIsNotInDiscovery() throws Exception {
    startRelay();
    SessionResponse user = t.signUp();
    String id = TestRelay.newInstanceId();
    String nonce = Secrets.newNonce(RANDOM, Limits.NONCE_BYTES);

    TestRelay.Resp r = t.call("POST", "/api/v1/link-requests", TestRelay.token(user),
        new LinkRequestCreate(id, nonce, Secret.fromText("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_IN_DISCOVERY);
  }

  @Test
  void linkRequestWithoutSessionIsUnauthorized() throws Exception {
    startRelay();
    Scene s = new Scene();

    TestRelay.Resp r = t.call("POST", "/api/v1/link-requests", null, s.request(s.user));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.error()).isEqualTo(ErrorCodes.UNAUTHORIZED);
  }

  @Test
  void secondRequestWhileOneIsPendingIsLinkInProgress() throws Exception {
    startRelay();
    Scene s = new Scene();
    s.requestAndReceiveVerify();

    TestRelay.Resp again = s.post(s.user);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo(ErrorCodes.LINK_IN_PROGRESS);
  }

  @Test
  void linkRequestWithTwoAgentsOnTheKeyIsRefused() throws Exception {
    startRelay();
    Scene s = new Scene();
    t.agent(TestRelay.newInstanceId());

    TestRelay.Resp r = s.post(s.user);

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).isEqualTo(ErrorCodes.MULTIPLE_IN_DISCOVERY);
  }

  @Test
  void racingAccountsExactlyOneWins_T09() throws Exception {
    startRelay();
    Scene s = new Scene();
    int racers = 6;
    List<SessionResponse> users = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      users.add(t.signUp());
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<TestRelay.Resp>> results = new ArrayList<>();
      for (SessionResponse u : users) {
        LinkRequestCreate req = s.request(u);
        Callable<TestRelay.Resp> call = () -> {
          go.await();
          return t.call("POST", "/api/v1/link-requests", TestRelay.token(u), req);
        };
        results.add(pool.submit(call));
      }
      go.countDown();
      int won = 0;
      int conflicts = 0;
      for (Future<TestRelay.Resp> f : results) {
        TestRelay.Resp r = f.get();
        if (r.status() == 202) {
          won++;
        } else {
          assertThat(r.status()).isEqualTo(409);
          assertThat(r.error()).isEqualTo(ErrorCodes.LINK_IN_PROGRESS);
          conflicts++;
        }
      }
      assertThat(won).isEqualTo(1);
      assertThat(conflicts).isEqualTo(racers - 1);
      assertThat(count("SELECT COUNT(*) FROM link_requests")).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anotherAccountsLinkRequestIsNotFound() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();

    TestRelay.Resp r = t.call("GET", "/api/v1/link-requests/" + v.linkRequestId(), TestRelay.token(t.signUp()), null);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo(ErrorCodes.NOT_FOUND);
  }

  @Test
  void answerFromAConnectionThatDoesNotOwnTheRequestIsIgnored_T17() throws Exception {
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    TestRelay.Socket stranger = t.agent(TestRelay.newInstanceId());

    stranger.send(Messages.VERIFIED, new LinkRequestRef(v.linkRequestId()));

    assertThat(stranger.nextOf(Messages.RELAY_TO_AGENT, Messages.ERROR, WsError.class).error()).isEqualTo(ErrorCodes.NOT_FOUND);
    assertThat(t.call("GET", "/api/v1/link-requests/" + v.linkRequestId(), s.token, null)
        .as(LinkRequestView.class).linkState()).isEqualTo(LinkState.DELIVERED);
    assertThat(count("SELECT COUNT(*) FROM printers")).isZero();
  }

  @Test
  void logsNeverHoldTokensOrProofs_T13() throws Exception {
    // the relay logs ids and states only; this pins that link state changes are logged without values
    startRelay();
    Scene s = new Scene();
    Verify v = s.requestAndReceiveVerify();
    s.agent.send(Messages.REJECTED, new LinkRequestRef(v.linkRequestId()));
    s.awaitState(LinkState.REJECTED);

    try (Connection c = t.db(); ResultSet rs = c.createStatement().executeQuery("SELECT detail FROM audit_log")) {
      while (rs.next()) {
        String detail = rs.getString(1);
        assertThat(detail).doesNotContain(v.proof().text(SecretAccess.REVEAL)).doesNotContain(v.nonce());
      }
    }
  }
}
