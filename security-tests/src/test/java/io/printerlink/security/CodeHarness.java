package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.AgentLinkCodeRequest;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real relay on port 0 for the manual-code tests, with a hand-moved wall clock (code life) and
 * monotonic clock (throttle windows), and HTTP clients bound to 127.0.0.N: each N is its own
 * network key, as a separate household would be.
 */
final class CodeHarness implements AutoCloseable {
  static final String PASSWORD = "correct horse battery";
  static final long WAIT_SECONDS = 10;

  final Path dataDir;
  final ManualClock clock;
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final RelayServer relay;
  private final Map<Integer, HttpClient> clients = new HashMap<>();
  private final WebSocketClient ws = new WebSocketClient();
  private final AtomicInteger names = new AtomicInteger();

  private CodeHarness(Path dataDir, Instant start, Consumer<RelayConfig.Builder> tweak) throws Exception {
    this.dataDir = dataDir;
    this.clock = new ManualClock(start);
    RelayConfig.Builder b = RelayConfig.builder().port(0).dataDir(dataDir).passwordIterations(1000)
        .clock(clock).nanoTime(nanos::get);
    tweak.accept(b);
    this.relay = RelayServer.start(b.build());
    ws.start();
  }

  static CodeHarness start(Path dataDir, Instant start, Consumer<RelayConfig.Builder> tweak) throws Exception {
    return new CodeHarness(dataDir, start, tweak);
  }

  static CodeHarness start(Path dataDir) throws Exception {
    return start(dataDir, Instant.parse("2030-01-01T12:00:00Z"), b -> { });
  }

  @Override
  public void close() throws Exception {
    try {
      ws.stop();
      for (HttpClient c : clients.values()) {
        c.stop();
      }
    } finally {
      relay.close();
    }
  }

  /** An HTTP client whose connections come from 127.0.0.{@code host}: network key "127.0.0.{host}". */
  synchronized HttpClient network(int host) throws Exception {
    HttpClient c = clients.get(host);
    if (c == null) {
      c = new HttpClient();
      c.setBindAddress(new InetSocketAddress("127.0.0." + host, 0));
      c.setMaxConnectionsPerDestination(256);
      c.start();
      clients.put(host, c);
    }
    return c;
  }

  /** One HTTP answer. */
  record Resp(int status, String body, String retryAfter) {
    <T extends Record> T as(Class<T> type) {
      try {
        return Json.parse(body, type);
      } catch (JsonInputException e) {
        throw new AssertionError("not a " + type.getSimpleName() + " (HTTP " + status + "): " + body);
      }
    }

    String error() {
      return as(ErrorResponse.class).error();
    }
  }

  Resp post(int host, String path, String bearer, String json) throws Exception {
    Request req = network(host).newRequest(relay.httpUri().resolve(path)).method("POST")
        .timeout(WAIT_SECONDS, TimeUnit.SECONDS)
        .body(new StringRequestContent("application/json", json));
    if (bearer != null) {
      req.headers(h -> h.put("Authorization", "Bearer " + bearer));
    }
    ContentResponse r = req.send();
    return new Resp(r.getStatus(), r.getContentAsString(), r.getHeaders().get("Retry-After"));
  }

  SessionResponse signUp() throws Exception {
    int n = names.incrementAndGet();
    Resp r = post(1, "/api/v1/accounts", null,
        Json.write(new CreateAccountRequest("user" + n, Secret.fromText(PASSWORD), "User " + n)));
    assertThat(r.status()).isEqualTo(201);
    return r.as(SessionResponse.class);
  }

  static String token(SessionResponse s) {
    return s.token().text(SecretAccess.REVEAL);
  }

  Resp issue(SessionResponse s) throws Exception {
    return post(1, "/api/v1/link-codes", token(s), "{}");
  }

  String code(SessionResponse s) throws Exception {
    Resp r = issue(s);
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    return r.as(LinkCodeResponse.class).code();
  }

  static AgentLinkCodeRequest request(String code) {
    return new AgentLinkCodeRequest(1, code, "octopi", "Workshop MK4", "0.1.0", "Prusa MK4");
  }

  /** An agent on network 127.0.0.{@code host} redeems {@code code}. */
  Resp redeem(int host, String code) throws Exception {
    return post(host, "/api/v1/agent/link-code", null, Json.write(request(code)));
  }

  Resp ack(int host, AgentLinkCodeResponse granted) throws Exception {
    return post(host, "/api/v1/agent/token-stored", granted.token().text(SecretAccess.REVEAL),
        Json.write(new LinkRequestRef(granted.linkRequestId())));
  }

  int count(String sql, Object... params) throws Exception {
    try (Connection c = DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("relay"), "relay", "");
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Opens the account's events socket; its {@code link-code} events land in the returned queue. */
  Events events(SessionResponse s) throws Exception {
    Events e = new Events();
    ClientUpgradeRequest req = new ClientUpgradeRequest();
    req.setHeader("Authorization", "Bearer " + token(s));
    ws.connect(e, URI.create(relay.wsUri() + "/client/v1/events"), req).get(WAIT_SECONDS, TimeUnit.SECONDS);
    return e;
  }

  /** A client events socket keeping only {@code link-code} events. */
  public static final class Events extends Session.Listener.AbstractAutoDemanding {
    private final BlockingQueue<LinkCodeEvent> codes = new LinkedBlockingQueue<>();

    @Override
    public void onWebSocketText(String text) {
      try {
        Message m = Json.parseMessage(text, Messages.RELAY_TO_CLIENT);
        if (m.type().equals(Messages.LINK_CODE)) {
          codes.add(m.as(LinkCodeEvent.class));
        }
      } catch (JsonInputException e) {
        throw new AssertionError("unreadable event " + text, e);
      }
    }

    @Override
    public void onWebSocketError(Throwable cause) {}

    LinkCodeEvent next() throws InterruptedException {
      LinkCodeEvent e = codes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("no link-code event within " + WAIT_SECONDS + " s");
      }
      return e;
    }
  }

  /** A wall clock tests set by hand (the relay's code life follows only this). */
  static final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void set(Instant at) {
      now.set(at);
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
