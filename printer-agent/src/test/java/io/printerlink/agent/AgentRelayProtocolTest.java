package io.printerlink.agent;

import static io.printerlink.agent.AgentTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printerlink.agent.state.LinkInfo;
import io.printerlink.agent.state.StoredLink;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.ExchangeResponse;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterHello;
import io.printerlink.protocol.ws.PrinterToken;
import io.printerlink.protocol.ws.Verify;
import io.printerlink.protocol.ws.WsError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's side of the relay protocol against a scripted relay over real WebSockets. */
class AgentRelayProtocolTest {
  private static final String ACCOUNT = "acc_test1";
  private static final String LINK_REQUEST = "lr_test1";
  private final SecureRandom random = new SecureRandom();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path stateDir;
  private ScriptedRelay relay;
  private PrinterAgent agent;

  @AfterEach
  void stop() throws Exception {
    try {
      if (agent != null) {
        agent.close();
      }
    } finally {
      if (relay != null) {
        relay.close();
      }
    }
  }

  private AgentConfig.Builder config(URI relayUri) {
    return AgentConfig.builder()
        .relayUri(relayUri)
        .port(0)
        .bindHost("127.0.0.1")
        .advertiseHost("127.0.0.1")
        .stateDir(stateDir)
        .name("Test printer")
        .heartbeat(Duration.ofMillis(200))
        .reconnectMin(Duration.ofMillis(50))
        .reconnectMax(Duration.ofMillis(500))
        .random(random);
  }

  private static Message parse(String text) throws Exception {
    return Json.parseMessage(text, Messages.AGENT_TO_RELAY);
  }

  private static Announce nextAnnounce(ScriptedRelay.Conn conn) throws Exception {
    Message m = parse(conn.next());
    assertThat(m.type()).isEqualTo(Messages.ANNOUNCE);
    return m.as(Announce.class);
  }

  private static void send(ScriptedRelay.Conn conn, String type, Record body) {
    conn.send(Messages.RELAY_TO_AGENT.encode(type, body));
  }

  private Secret exchange(Announce announce) throws Exception {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://" + announce.privateIp() + ":" + announce.port() + "/discovery/v1/exchange"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"instanceId\":\"" + announce.instanceId() + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.parse(r.body(), ExchangeResponse.class).localSecret();
  }

  private Verify verifyWith(Secret secret, String instanceId) {
    String nonce = Secrets.newNonce(random, 16);
    return new Verify(LINK_REQUEST, ACCOUNT, "Ada", nonce, Proof.compute(secret, instanceId, ACCOUNT, nonce));
  }

  @Test
  void announcesThenVerifiesStoresTheTokenAndConnectsAsPrinter() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    Announce announce = nextAnnounce(conn);
    assertThat(announce.port()).isEqualTo(agent.exchangePort());
    assertThat(announce.instanceId()).isEqualTo(agent.status().instanceId());
    assertThat(announce.presenceToken()).isNull();
    send(conn, Messages.ANNOUNCED, new Announced(Secrets.newToken(random), "127.0.0.1", 5));
    await(agent, s -> s.lastAnnounceAccepted() && "127.0.0.1".equals(s.seenFrom()));

    Secret secret = exchange(announce);
    send(conn, Messages.VERIFY, verifyWith(secret, announce.instanceId()));
    Message verified = parse(conn.next());
    while (verified.type().equals(Messages.ANNOUNCE)) {
      verified = parse(conn.next());
    }
    assertThat(verified.type()).isEqualTo(Messages.VERIFIED);
    assertThat(verified.as(LinkRequestRef.class).linkRequestId()).isEqualTo(LINK_REQUEST);
    assertThat(agent.status().windowOpen()).isFalse();

    Secret token = Secrets.newToken(random);
    String tokenText = token.text(SecretAccess.REVEAL);
    send(conn, Messages.TOKEN, new PrinterToken(LINK_REQUEST, "prn_test1", ACCOUNT, "Ada", token));
    Message stored = parse(conn.next());
    assertThat(stored.type()).isEqualTo(Messages.TOKEN_STORED);
    assertThat(stored.as(LinkRequestRef.class).linkRequestId()).isEqualTo(LINK_REQUEST);
    conn.awaitClosed();

    Path tokenFile = stateDir.resolve("printer-token");
    assertThat(Files.readString(tokenFile)).isEqualTo(tokenText);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");

    ScriptedRelay.Conn printer = relay.nextPrinter();
    assertThat(printer.authorization).isEqualTo("Bearer " + tokenText);
    printer.send(
        Messages.RELAY_TO_PRINTER.encode(Messages.HELLO, new PrinterHello("prn_test1", "Test printer", ACCOUNT, "Ada")));
    AgentStatus linked = await(agent, s -> s.linked() && "prn_test1".equals(s.printerId()));
    assertThat(linked.accountName()).isEqualTo("Ada");
    assertThat(linked.windowOpen()).isFalse();
    assertThat(linked.instanceId()).isNull();
  }

  @Test
  void forgedProofIsRejectedAndEndsTheWindow_T08() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    Announce announce = nextAnnounce(conn);
    send(conn, Messages.VERIFY, verifyWith(Secrets.newLocalSecret(random), announce.instanceId()));
    Message answer = parse(conn.next());
    while (answer.type().equals(Messages.ANNOUNCE)) {
      answer = parse(conn.next());
    }
    assertThat(answer.type()).isEqualTo(Messages.REJECTED);
    conn.awaitClosed();
    AgentStatus s = await(agent, st -> !st.windowOpen());
    assertThat(s.linked()).isFalse();
    assertThat(stateDir.resolve("printer-token")).doesNotExist();
  }

  @Test
  void proofReplayedForAnotherAccountIsRejected_T07() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    Announce announce = nextAnnounce(conn);
    Secret secret = exchange(announce);
    Verify good = verifyWith(secret, announce.instanceId());
    send(conn, Messages.VERIFY, new Verify(LINK_REQUEST, "acc_other", "Eve", good.nonce(), good.proof()));
    Message answer = parse(conn.next());
    while (answer.type().equals(Messages.ANNOUNCE)) {
      answer = parse(conn.next());
    }
    assertThat(answer.type()).isEqualTo(Messages.REJECTED);
    await(agent, st -> !st.windowOpen());
  }

  @Test
  void reconnectPresentsThePresenceToken_T17() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn first = relay.nextDiscovery();
    Announce announce = nextAnnounce(first);
    Secret presence = Secrets.newToken(random);
    String presenceText = presence.text(SecretAccess.REVEAL);
    send(first, Messages.ANNOUNCED, new Announced(presence, "127.0.0.1", 5));
    await(agent, AgentStatus::lastAnnounceAccepted);
    first.drop();

    ScriptedRelay.Conn second = relay.nextDiscovery();
    Announce again = nextAnnounce(second);
    assertThat(again.instanceId()).isEqualTo(announce.instanceId());
    assertThat(again.presenceToken()).isNotNull();
    assertThat(again.presenceToken().text(SecretAccess.REVEAL)).isEqualTo(presenceText);
  }

  @Test
  void heartbeatRepeatsTheAnnounce() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    Announce first = nextAnnounce(conn);
    Announce second = nextAnnounce(conn);
    assertThat(second.instanceId()).isEqualTo(first.instanceId());
    assertThat(second.windowSecondsLeft()).isBetween(1L, 600L);
  }

  @Test
  void freshTokenRefusedBeforeTheRelayActivatedItIsRetriedNotWiped() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    Announce announce = nextAnnounce(conn);
    send(conn, Messages.ANNOUNCED, new Announced(Secrets.newToken(random), "127.0.0.1", 5));
    send(conn, Messages.VERIFY, verifyWith(exchange(announce), announce.instanceId()));
    Message verified = parse(conn.next());
    while (verified.type().equals(Messages.ANNOUNCE)) {
      verified = parse(conn.next());
    }
    assertThat(verified.type()).isEqualTo(Messages.VERIFIED);
    relay.refusePrinterWith.set(401);
    send(conn, Messages.TOKEN, new PrinterToken(LINK_REQUEST, "prn_test1", ACCOUNT, "Ada", Secrets.newToken(random)));

    AgentStatus waiting = await(agent, s -> "waiting for the relay to activate the new link".equals(s.lastError()));
    assertThat(waiting.linked()).isTrue();
    assertThat(stateDir.resolve("printer-token")).exists();
    relay.refusePrinterWith.set(0);
    ScriptedRelay.Conn printer = relay.nextPrinter();
    printer.send(
        Messages.RELAY_TO_PRINTER.encode(Messages.HELLO, new PrinterHello("prn_test1", "Test printer", ACCOUNT, "Ada")));
    assertThat(await(agent, s -> "linked, online".equals(s.state())).printerId()).isEqualTo("prn_test1");
  }

  @Test
  void revokedTokenIsSetAsideNotDeletedAndDiscoveryReopens_T16() throws Exception {
    relay = new ScriptedRelay(true);
    relay.refusePrinterWith.set(401);
    Secret token = Secrets.newToken(random);
    String tokenText = token.text(SecretAccess.REVEAL);
    new TokenStore(stateDir, relay.uri()).save(new StoredLink(token, new LinkInfo("prn_old", ACCOUNT, "Ada")));
    agent = PrinterAgent.start(config(relay.uri()).build());
    AgentStatus s = await(agent, st -> !st.linked() && st.windowOpen());
    assertThat(s.printerId()).isNull();
    assertThat(stateDir.resolve("printer-token")).doesNotExist();
    assertThat(stateDir.resolve("link.json")).doesNotExist();
    // A 401 may come from a relay that never issued the token (new or restored at that address):
    // the token is kept aside, owner-only, so the operator can bring it back.
    Path aside = stateDir.resolve("printer-token" + TokenStore.SET_ASIDE_SUFFIX);
    assertThat(Files.readString(aside).strip()).isEqualTo(tokenText);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aside))).isEqualTo("rw-------");
    assertThat(stateDir.resolve("link.json" + TokenStore.SET_ASIDE_SUFFIX)).exists();
    assertThat(nextAnnounce(relay.nextDiscovery()).instanceId()).isEqualTo(s.instanceId());
  }

  @Test
  void aLinkedPrinterStartedWithAnotherRelayRefusesToStartAndKeepsItsLink() throws Exception {
    relay = new ScriptedRelay(true);
    URI issuer = URI.create("http://127.0.0.1:1/");
    new TokenStore(stateDir, issuer).save(new StoredLink(Secrets.newToken(random), new LinkInfo("prn_old", ACCOUNT, "Ada")));

    assertThatThrownBy(() -> PrinterAgent.start(config(relay.uri()).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("this printer is linked through the relay at http://127.0.0.1:1/, not " + relay.uri())
        .hasMessageContaining("start it with --relay http://127.0.0.1:1/");
    assertThat(stateDir.resolve("printer-token")).exists();
    assertThat(relay.discovery).isEmpty();
    assertThat(relay.printer).isEmpty();

    // The same relay written differently (case, default port, trailing slash) is the same relay.
    assertThat(io.printerlink.protocol.RelayUrls.sameRelay(URI.create("HTTP://Relay.Example/"), URI.create("http://relay.example:80")))
        .isTrue();
  }

  @Test
  void storedTokenStartsLinked() throws Exception {
    relay = new ScriptedRelay(true);
    Secret token = Secrets.newToken(random);
    String tokenText = token.text(SecretAccess.REVEAL);
    new TokenStore(stateDir).save(new StoredLink(token, new LinkInfo("prn_old", ACCOUNT, "Ada")));
    agent = PrinterAgent.start(config(relay.uri()).build());
    AgentStatus s = agent.status();
    assertThat(s.linked()).isTrue();
    assertThat(s.printerId()).isEqualTo("prn_old");
    assertThat(s.windowOpen()).isFalse();
    assertThat(relay.nextPrinter().authorization).isEqualTo("Bearer " + tokenText);
  }

  @Test
  void relayDownDoesNotFailStartAndIsRetried() throws Exception {
    relay = new ScriptedRelay(true);
    URI uri = relay.uri();
    relay.close();
    agent = PrinterAgent.start(config(uri).build());
    AgentStatus s = await(agent, st -> st.lastError() != null);
    assertThat(s.windowOpen()).isTrue();
    assertThat(s.lastError()).isEqualTo("relay unreachable (connection refused)");
  }

  @Test
  void relayWithoutDiscoveryV1IsReported() throws Exception {
    relay = new ScriptedRelay(false);
    agent = PrinterAgent.start(config(relay.uri()).build());
    AgentStatus s = await(agent, st -> st.lastError() != null);
    assertThat(s.lastError()).isEqualTo("relay does not support discovery v1");
    assertThat(s.windowOpen()).isTrue();
  }

  @Test
  void protocolUnsupportedErrorIsReported() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    nextAnnounce(conn);
    send(conn, Messages.ERROR, new WsError("PROTOCOL_UNSUPPORTED", "v1 only", null));
    AgentStatus s = await(agent, st -> st.lastError() != null);
    assertThat(s.lastError()).isEqualTo("relay does not support discovery v1");
  }

  @Test
  void rateLimitedKeepsTheWindow() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    ScriptedRelay.Conn conn = relay.nextDiscovery();
    nextAnnounce(conn);
    send(conn, Messages.ERROR, new WsError("RATE_LIMITED", "slow down", 30L));
    AgentStatus s = await(agent, st -> st.lastError() != null);
    assertThat(s.lastError()).contains("retrying in 30 s");
    assertThat(s.windowOpen()).isTrue();
  }

  @Test
  void openWindowMakesAFreshInstanceId() throws Exception {
    relay = new ScriptedRelay(true);
    agent = PrinterAgent.start(config(relay.uri()).build());
    String first = agent.status().instanceId();
    agent.openWindow();
    String second = agent.status().instanceId();
    assertThat(second).isNotNull().isNotEqualTo(first);
  }

  @Test
  void wallClockJumpsChangeNothingTheMonotonicDeadlineDoes_T11() throws Exception {
    relay = new ScriptedRelay(true);
    AtomicLong nanos = new AtomicLong(1_000_000_000L);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    agent = PrinterAgent.start(config(relay.uri()).nanoTime(nanos::get).clock(clock).build());
    long left = agent.status().windowSecondsLeft();
    clock.shift(Duration.ofHours(1));
    assertThat(agent.status().windowSecondsLeft()).isEqualTo(left);
    clock.shift(Duration.ofHours(-2));
    assertThat(agent.status().windowSecondsLeft()).isEqualTo(left);
    assertThat(agent.status().windowOpen()).isTrue();
    nanos.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(agent.status().windowOpen()).isFalse();
  }

  /** A wall clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void shift(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
