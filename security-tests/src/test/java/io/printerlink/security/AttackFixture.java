package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.protocol.api.ExchangeRequest;
import io.printerlink.protocol.api.ExchangeResponse;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The stage every attack test plays on: a real relay on an OS-chosen port with its H2 file in a
 * temporary folder, real printer agents, the desktop app's real linking core, and raw Jetty
 * clients for the attacker (optionally bound to another loopback address, which the relay sees as
 * another public address: every 127.0.0.0/8 address is a distinct TCP peer on Linux's {@code lo}).
 * Everything it starts it stops in {@link #close()}, newest first.
 */
final class AttackFixture implements AutoCloseable {
  static final String PASSWORD = "correct horse battery";
  /** Upper bound on any wait in these tests (they never rely on tight timing). */
  static final Duration WAIT = Duration.ofSeconds(15);
  /** The loopback address the relay, the agents and the victim's client use. */
  static final String HOME = "127.0.0.1";

  final Path root;
  final SecureRandom random = new SecureRandom();
  final HttpClient http;
  private final UnaryOperator<RelayConfig.Builder> relayTweak;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final List<PrinterAgent> agents = new ArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private RelayServer relay;
  private CoreClients coreClients;
  private int agentCount;
  private int relayPort;

  private AttackFixture(Path root, UnaryOperator<RelayConfig.Builder> relayTweak) throws Exception {
    this.root = root;
    this.relayTweak = relayTweak;
    this.http = startedClient(null);
  }

  static AttackFixture start(Path root) throws Exception {
    return start(root, b -> b);
  }

  static AttackFixture start(Path root, UnaryOperator<RelayConfig.Builder> relayTweak) throws Exception {
    AttackFixture f = new AttackFixture(root, relayTweak);
    try {
      f.startRelay(0);
      return f;
    } catch (Exception | Error e) {
      f.close();
      throw e;
    }
  }

  // ---- relay ----

  RelayServer relay() {
    return relay;
  }

  Path relayDataDir() {
    return root.resolve("relay");
  }

  URI relayUri() {
    return URI.create("http://" + HOME + ":" + relayPort);
  }

  /** Stops the relay (as an operator would), keeping its data folder. */
  void stopRelay() {
    if (relay != null) {
      relay.close();
      relay = null;
    }
  }

  /** Starts the relay again on the same port and the same data folder. */
  void restartRelay() {
    stopRelay();
    startRelay(relayPort);
  }

  private void startRelay(int port) {
    relay = RelayServer.start(relayTweak.apply(relayConfig(port, relayDataDir())).build());
    relayPort = relay.port();
  }

  /** The relay settings of these tests (also {@link RelayProcessMain}'s, for a relay in its own JVM). */
  static RelayConfig.Builder relayConfig(int port, Path dataDir) {
    return RelayConfig.builder()
        .port(port)
        .bindHost(HOME)
        .dataDir(dataDir)
        .allowLoopbackAgents(true)
        .passwordIterations(1000)
        // Tests sign many users up from one address; a test about this limit sets it back.
        .accountsPerKey(io.printerlink.relay.limits.Rate.of(1_000_000, java.time.Duration.ofHours(1)));
  }

  // ---- agents ----

  /** A printer agent on loopback with its own state folder, in discovery at once. */
  PrinterAgent startAgent(String name, UnaryOperator<AgentConfig.Builder> tweak) throws Exception {
    return startAgent(name, root.resolve("agent-" + (++agentCount)), tweak);
  }

  PrinterAgent startAgent(String name, Path stateDir, UnaryOperator<AgentConfig.Builder> tweak) throws Exception {
    AgentConfig.Builder b = AgentConfig.builder()
        .relayUri(relayUri())
        .port(0)
        .bindHost(HOME)
        .stateDir(stateDir)
        .name(name)
        .model("Test MK1")
        .advertiseHost(HOME)
        .reconnectMin(Duration.ofMillis(100))
        .reconnectMax(Duration.ofMillis(500));
    PrinterAgent agent = PrinterAgent.start(tweak.apply(b).build());
    agents.add(agent);
    resources.push(agent);
    return agent;
  }

  /** Waits until the agent's status satisfies {@code condition}. */
  static AgentStatus awaitAgent(PrinterAgent agent, String what, Predicate<AgentStatus> condition) throws Exception {
    CompletableFuture<AgentStatus> hit = new CompletableFuture<>();
    Consumer<AgentStatus> listener = s -> {
      if (condition.test(s)) {
        hit.complete(s);
      }
    };
    agent.addListener(listener);
    try {
      AgentStatus now = agent.status();
      if (condition.test(now)) {
        return now;
      }
      return hit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("agent never reached: " + what + "; last status " + agent.status());
    } finally {
      agent.removeListener(listener);
    }
  }

  /** Waits until the agent's window is open and the relay accepted its announce. */
  static AgentStatus awaitDiscoverable(PrinterAgent agent) throws Exception {
    return awaitAgent(agent, "discoverable", s -> s.windowOpen() && s.lastAnnounceAccepted());
  }

  // ---- accounts and raw HTTP ----

  /** A signed-in account made over the relay's real API. */
  record Account(String id, String username, Secret token) {
    @Override
    public String toString() {
      return "Account[" + id + "]";
    }
  }

  /** An HTTP answer: status and body text. */
  record Reply(int status, String body) {
    String errorCode() throws Exception {
      return Json.parse(body, ErrorResponse.class).error();
    }

    <T extends Record> T as(Class<T> type) throws Exception {
      return Json.parse(body, type);
    }
  }

  Account createAccount(String username) throws Exception {
    return createAccount(http, username);
  }

  Account createAccount(HttpClient from, String username) throws Exception {
    Reply r = send(from, HttpMethod.POST, relayUri() + "/api/v1/accounts", null,
        Json.write(new CreateAccountRequest(username, Secret.fromText(PASSWORD), null)), Map.of());
    assertThat(r.status()).as("account creation: %s", r.body()).isEqualTo(201);
    SessionResponse s = r.as(SessionResponse.class);
    return new Account(s.accountId(), username, s.token());
  }

  DiscoveryResponse discovery(HttpClient from, Account account) throws Exception {
    Reply r = send(from, HttpMethod.GET, relayUri() + "/api/v1/discovery", account.token(), null, Map.of());
    assertThat(r.status()).as("discovery: %s", r.body()).isEqualTo(200);
    return r.as(DiscoveryResponse.class);
  }

  /** The single printer the relay lists for {@code account}, waiting until it shows. */
  DiscoveredPrinter awaitListed(Account account, String instanceId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      DiscoveryResponse d = discovery(http, account);
      for (DiscoveredPrinter p : d.printers()) {
        if (p.instanceId().equals(instanceId)) {
          return p;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("instance " + instanceId + " never listed; last list " + d);
      }
      pause();
    }
  }

  Reply postLinkRequest(HttpClient from, Account account, String instanceId, String nonce, Secret proof)
      throws Exception {
    return send(from, HttpMethod.POST, relayUri() + "/api/v1/link-requests", account.token(),
        Json.write(new LinkRequestCreate(instanceId, nonce, proof)), Map.of());
  }

  /** A link request the relay accepted (202); fails on any other answer. */
  LinkRequestView submitLinkRequest(Account account, String instanceId, String nonce, Secret proof) throws Exception {
    Reply r = postLinkRequest(http, account, instanceId, nonce, proof);
    assertThat(r.status()).as("link request: %s", r.body()).isEqualTo(202);
    return r.as(LinkRequestView.class);
  }

  /** {@code DELETE /api/v1/printers/{id}}: unlink (revoke) as the owner. */
  void unlink(Account account, String printerId) throws Exception {
    Reply r = send(http, HttpMethod.DELETE, relayUri() + "/api/v1/printers/" + printerId, account.token(), null, Map.of());
    assertThat(r.status()).as("unlink: %s", r.body()).isEqualTo(204);
  }

  /** The local secret, fetched the way any LAN client can (the legitimate first half of a link). */
  Secret localSecret(PrinterAgent agent, String instanceId) throws Exception {
    Reply r = exchange(http, agent.exchangePort(), instanceId, Map.of());
    assertThat(r.status()).as("LAN exchange").isEqualTo(200);
    return r.as(ExchangeResponse.class).localSecret();
  }

  /**
   * Opens {@code /agent/v1/printer} with {@code printerToken} as a linked agent would: 101 when
   * the relay accepts it (the socket is closed again at once), else the refused upgrade's status.
   */
  int printerSocketStatus(Secret printerToken) throws Exception {
    WebSocketClient ws = webSocketsOver(http);
    ClientUpgradeRequest req = new ClientUpgradeRequest();
    req.setHeader("Authorization", "Bearer " + printerToken.text(SecretAccess.REVEAL));
    try {
      org.eclipse.jetty.websocket.api.Session s = ws.connect(new EventsProbe(),
          URI.create("ws://" + HOME + ":" + relayPort + "/agent/v1/printer"), req)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      s.close();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UpgradeException) {
        return ((UpgradeException) e.getCause()).getResponseStatusCode();
      }
      throw e;
    }
  }

  /** A fresh client nonce, as the real client makes it. */
  String nonce() {
    return Secrets.newNonce(random, Limits.NONCE_BYTES);
  }

  /** What an attacker without the local secret can send: 32 random bytes, shaped like an HMAC-SHA256. */
  Secret forgedProof() {
    return Secrets.newToken(random);
  }

  /** Nothing half-happened: no printer row at all, no token file, the agent not linked. */
  void assertNothingLinked(PrinterAgent agent) throws Exception {
    assertThat(printerRows()).as("printer rows").isEmpty();
    assertThat(Files.exists(agent.config().stateDir().resolve(TokenStore.TOKEN_FILE))).as("token file").isFalse();
    assertThat(agent.status().linked()).as("agent linked").isFalse();
  }

  LinkRequestView linkRequest(Account account, String id) throws Exception {
    Reply r = send(http, HttpMethod.GET, relayUri() + "/api/v1/link-requests/" + id, account.token(), null, Map.of());
    assertThat(r.status()).as("link request: %s", r.body()).isEqualTo(200);
    return r.as(LinkRequestView.class);
  }

  /** Polls the link request until it reaches a final state. */
  LinkRequestView awaitFinal(Account account, String id) throws Exception {
    return awaitValue("link request " + id + " final", () -> linkRequest(account, id), v -> v.linkState().isFinal());
  }

  /** {@code POST /discovery/v1/exchange} at the agent's LAN port, from {@code from}'s bound address. */
  Reply exchange(HttpClient from, int agentPort, String instanceId, Map<String, String> headers) throws Exception {
    return send(from, HttpMethod.POST, "http://" + HOME + ":" + agentPort + "/discovery/v1/exchange", null,
        Json.write(new ExchangeRequest(instanceId)), headers);
  }

  Reply send(HttpClient from, HttpMethod method, String url, Secret bearer, String json, Map<String, String> headers)
      throws Exception {
    Request req = from.newRequest(url).method(method).timeout(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (bearer != null) {
      req.headers(h -> h.put("Authorization", "Bearer " + bearer.text(SecretAccess.REVEAL)));
    }
    headers.forEach((k, v) -> req.headers(h -> h.put(k, v)));
    if (json != null) {
      req.body(new StringRequestContent("application/json", json));
    }
    ContentResponse r = req.send();
    return new Reply(r.getStatus(), r.getContentAsString());
  }

  /** A started HTTP client whose sockets are bound to {@code address} (null: any). */
  HttpClient clientBoundTo(String address) throws Exception {
    return startedClient(address);
  }

  /** A started WebSocket client over {@code http} (so it shares its bound address). */
  WebSocketClient webSocketsOver(HttpClient httpClient) throws Exception {
    WebSocketClient ws = new WebSocketClient(httpClient);
    ws.setStopAtShutdown(false);
    ws.start();
    resources.push(() -> stopQuietly(ws));
    return ws;
  }

  private HttpClient startedClient(String bindAddress) throws Exception {
    HttpClient c = new HttpClient();
    if (bindAddress != null) {
      c.setBindAddress(new InetSocketAddress(bindAddress, 0));
    }
    c.setFollowRedirects(false);
    c.start();
    resources.push(() -> stopQuietly(c));
    return c;
  }

  // ---- the victim's client core ----

  CoreClients coreClients() throws Exception {
    if (coreClients == null) {
      coreClients = CoreClients.start(relayUri(), CoreConfig.defaults());
      CoreClients c = coreClients;
      resources.push(c::close);
    }
    return coreClients;
  }

  LinkingCore core(Clock clock) throws Exception {
    return LinkingCore.create(coreClients(), CoreConfig.defaults(), clock, System::nanoTime, random, executor);
  }

  /** A client core drawing its nonces from {@code coreRandom}. */
  LinkingCore coreWith(SecureRandom coreRandom) throws Exception {
    return LinkingCore.create(coreClients(), CoreConfig.defaults(), Clock.systemUTC(), System::nanoTime, coreRandom,
        executor);
  }

  // ---- the relay's database, read as evidence ----

  /** A printer row as stored: never the token, only its hash. */
  record PrinterRow(String id, String accountId, String state, String tokenHash) {}

  List<PrinterRow> printerRows() throws SQLException {
    try (Connection db = openDatabase();
        PreparedStatement q = db.prepareStatement("SELECT id, account_id, state, token_hash FROM printers ORDER BY id");
        ResultSet rs = q.executeQuery()) {
      List<PrinterRow> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(new PrinterRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
      return rows;
    }
  }

  /** State and reason of a link request as stored. */
  List<String> linkRequestRow(String id) throws SQLException {
    try (Connection db = openDatabase();
        PreparedStatement q = db.prepareStatement("SELECT state, reason FROM link_requests WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? List.of(rs.getString(1), String.valueOf(rs.getString(2))) : List.of();
      }
    }
  }

  /** Ids of link requests in {@code state}, as stored. */
  List<String> linkRequestIdsIn(String state) throws SQLException {
    try (Connection db = openDatabase();
        PreparedStatement q = db.prepareStatement("SELECT id FROM link_requests WHERE state = ? ORDER BY id")) {
      q.setString(1, state);
      try (ResultSet rs = q.executeQuery()) {
        List<String> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
        return ids;
      }
    }
  }

  /** The client core signed in as {@code account} (made earlier over the raw API). */
  LinkingCore signedInCore(Account account, Clock clock) throws Exception {
    LinkingCore core = core(clock);
    core.signIn(new Credentials(account.username(), Secret.fromText(PASSWORD), false));
    return core;
  }

  /** Same URL and credentials as the relay's pool, so this JVM shares the open database. */
  Connection openDatabase() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + relayDataDir().toAbsolutePath().normalize().resolve("relay") + ";DB_CLOSE_DELAY=0", "relay", "");
  }

  // ---- waiting ----

  /** A source of values that may throw (an HTTP call, a query). */
  interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls {@code probe} until {@code done} holds; fails with the last value after {@link #WAIT}. */
  static <T> T awaitValue(String what, Probe<T> probe, Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      T v = probe.get();
      if (done.test(v)) {
        return v;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("never reached: " + what + "; last value " + v);
      }
      pause();
    }
  }

  static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
    awaitValue(what, condition::getAsBoolean, b -> b);
  }

  /** The polling step of the deadline helpers above (never a bare sleep in a test body). */
  private static void pause() {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    executor.shutdownNow();
    stopRelay();
  }

  private static void stopQuietly(LifeCycle c) {
    try {
      c.stop();
    } catch (Exception e) {
      // stopping on the way out
    }
  }
}
