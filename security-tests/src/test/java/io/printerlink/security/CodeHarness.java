package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.api.AgentLinkCodeRequest;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.relay.RelayConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * {@link RelayFixture} for the manual-code tests: the relay's wall clock (code life) starts at a
 * fixed instant and its monotonic clock (throttle windows) stands still, both moved by hand; an
 * agent or client "on network N" connects from 127.0.0.N, its own network key.
 */
final class CodeHarness implements AutoCloseable {
  static final Instant NOON = Instant.parse("2030-01-01T12:00:00Z");

  final RelayFixture fixture;
  final MovableClock clock;
  final MovableClock.Nanos nanos;

  private CodeHarness(RelayFixture fixture, MovableClock clock, MovableClock.Nanos nanos) {
    this.fixture = fixture;
    this.clock = clock;
    this.nanos = nanos;
  }

  static CodeHarness start(Path dataDir, Instant start, Consumer<RelayConfig.Builder> tweak) {
    MovableClock clock = new MovableClock(Clock.fixed(start, ZoneOffset.UTC));
    MovableClock.Nanos nanos = new MovableClock.Nanos();
    return new CodeHarness(RelayFixture.start(dataDir, b -> {
      b.clock(clock).nanoTime(nanos);
      tweak.accept(b);
    }), clock, nanos);
  }

  static CodeHarness start(Path dataDir) {
    return start(dataDir, NOON, b -> { });
  }

  @Override
  public void close() {
    fixture.close();
  }

  static String network(int n) {
    return "127.0.0." + n;
  }

  /** Sets the relay's wall clock to {@code at}. */
  void at(Instant at) {
    clock.jump(Duration.between(clock.instant(), at));
  }

  SessionResponse signUp() throws Exception {
    return fixture.signUp(RelayFixture.HOME);
  }

  RelayFixture.Resp issue(SessionResponse s) throws Exception {
    return fixture.call(RelayFixture.HOME, "POST", "/api/v1/link-codes", RelayFixture.token(s), "{}");
  }

  String code(SessionResponse s) throws Exception {
    RelayFixture.Resp r = issue(s);
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    return r.as(LinkCodeResponse.class).code();
  }

  static AgentLinkCodeRequest request(String code) {
    return new AgentLinkCodeRequest(1, code, "octopi", "Workshop MK4", "0.1.0", "Prusa MK4");
  }

  /** An agent on network {@code n} redeems {@code code}. */
  RelayFixture.Resp redeem(int n, String code) throws Exception {
    return fixture.call(network(n), "POST", "/api/v1/agent/link-code", null, request(code));
  }

  RelayFixture.Resp ack(int n, AgentLinkCodeResponse granted) throws Exception {
    return fixture.call(network(n), "POST", "/api/v1/agent/token-stored", granted.token().text(SecretAccess.REVEAL),
        new LinkRequestRef(granted.linkRequestId()));
  }

  int count(String sql, String... params) throws Exception {
    return fixture.count(sql, params);
  }

  /** The account's events socket; {@link Events#next} gives its {@code link-code} events in order. */
  Events events(SessionResponse s) throws Exception {
    RelayFixture.Socket socket = fixture.connect(RelayFixture.HOME, "/client/v1/events", RelayFixture.token(s));
    // The relay subscribes the socket just before its first message (the discovery list): after it, no push is missed.
    socket.nextOf(Messages.RELAY_TO_CLIENT, Messages.DISCOVERY, DiscoveryResponse.class);
    return new Events(socket);
  }

  /** {@code link-code} events of one client socket. */
  static final class Events {
    private final RelayFixture.Socket socket;

    Events(RelayFixture.Socket socket) {
      this.socket = socket;
    }

    LinkCodeEvent next() throws Exception {
      return socket.nextOf(Messages.RELAY_TO_CLIENT, Messages.LINK_CODE, LinkCodeEvent.class);
    }
  }
}
