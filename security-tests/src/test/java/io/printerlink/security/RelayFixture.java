package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.MessageSet;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.protocol.api.ExchangeRequest;
import io.printerlink.protocol.api.ExchangeResponse;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.Messages;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.LoggerFactory;

/**
 * A real relay on an ephemeral port with the tools the threat tests mount their attacks with:
 * HTTP and WebSocket clients whose sockets are bound to a chosen 127.0.0.0/8 source address (each
 * source address is its own network key to the relay, because loopback traffic keeps the address
 * the socket was bound to), scripted agents, real {@link PrinterAgent}s, a capture of every log
 * line, and the relay's database. Close it in {@code @AfterEach}; it stops everything it started.
 *
 * <p>Addresses used by convention: {@link #HOME} is the victim's home network (agents and the
 * owner's client), {@link #OUTSIDER} another network, {@link #PROXY} a proxy or load balancer.
 */
public final class RelayFixture implements AutoCloseable {
  public static final String HOME = "127.0.0.1";
  public static final String OUTSIDER = "127.0.0.2";
  public static final String PROXY = "127.0.0.3";
  public static final String PASSWORD = "correct horse battery";
  public static final Duration WAIT = Duration.ofSeconds(10);

  public final Path dataDir;
  public final RelayServer relay;
  public final LogCapture logs;
  private final Map<String, HttpClient> http = new LinkedHashMap<>();
  private final Map<String, WebSocketClient> ws = new LinkedHashMap<>();
  private final List<PrinterAgent> agents = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger names = new AtomicInteger();

  private RelayFixture(Path dataDir, RelayServer relay, LogCapture logs) {
    this.dataDir = dataDir;
    this.relay = relay;
    this.logs = logs;
  }

  /** A relay in development mode (loopback agents allowed) with cheap password hashing. */
  public static RelayFixture start(Path dataDir) {
    return start(dataDir, b -> { });
  }

  public static RelayFixture start(Path dataDir, Consumer<RelayConfig.Builder> tweak) {
    LogCapture logs = LogCapture.attach();
    RelayConfig.Builder b = RelayConfig.builder().port(0).bindHost(HOME).dataDir(dataDir)
        .allowLoopbackAgents(true).passwordIterations(1000)
        // Tests sign many users up from one address; a test about this limit sets it back.
        .accountsPerKey(io.printerlink.relay.limits.Rate.of(1_000_000, java.time.Duration.ofHours(1)));
    tweak.accept(b);
    try {
      return new RelayFixture(dataDir, RelayServer.start(b.build()), logs);
    } catch (RuntimeException e) {
      logs.detach();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      for (PrinterAgent a : agents) {
        a.close();
      }
      for (WebSocketClient c : ws.values()) {
        stopQuietly(c);
      }
      for (HttpClient c : http.values()) {
        stopQuietly(c);
      }
      relay.close();
    } finally {
      logs.detach();
    }
  }

  // ---- HTTP ----

  /** An HTTP client whose connections leave from {@code sourceAddress} (a 127.0.0.0/8 address). */
  public synchronized HttpClient http(String sourceAddress) {
    return http.computeIfAbsent(sourceAddress, a -> {
      HttpClient c = new HttpClient();
      c.setBindAddress(new InetSocketAddress(a, 0));
      c.setIdleTimeout(WAIT.toMillis());
      start(c::start);
      return c;
    });
  }

  /** A reply as the test sees it. */
  public record Resp(int status, String body, String contentType, String retryAfter) {
    public <T extends Record> T as(Class<T> type) {
      try {
        return Json.parse(body, type);
      } catch (JsonInputException e) {
        throw new AssertionError("not a " + type.getSimpleName() + ": " + e.getMessage() + " in " + body);
      }
    }

    /** The error code; asserts the body is the one JSON error shape with no stack trace. */
    public String error() {
      assertThat(contentType).as("error content type").startsWith("application/json");
      assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
      return as(ErrorResponse.class).error();
    }
  }

  /** One request from {@code from}; {@code body} a record or a raw JSON string; extra headers in pairs. */
  public Resp call(String from, String method, String path, String bearer, Object body, String... headers)
      throws Exception {
    String json = body == null ? null : body instanceof String ? (String) body : Json.write(body);
    return raw(from, method, path, bearer, json == null ? null : "application/json", json, headers);
  }

  public Resp raw(String from, String method, String path, String bearer, String contentType, String body,
      String... headers) throws Exception {
    Request req = http(from).newRequest(relay.httpUri().resolve(path)).method(method)
        .timeout(WAIT.toSeconds(), TimeUnit.SECONDS);
    req.headers(h -> {
      if (bearer != null) {
        h.put("Authorization", "Bearer " + bearer);
      }
      for (int i = 0; i + 1 < headers.length; i += 2) {
        h.add(headers[i], headers[i + 1]);
      }
    });
    if (body != null) {
      req.body(new StringRequestContent(contentType, body));
    }
    ContentResponse r = req.send();
    return new Resp(r.getStatus(), r.getContentAsString(), r.getHeaders().get("Content-Type"),
        r.getHeaders().get("Retry-After"));
  }

  /** A plain TCP socket from {@code from} to the relay, for requests no HTTP client would send. */
  public java.net.Socket rawSocket(String from) throws Exception {
    java.net.Socket s = new java.net.Socket();
    s.bind(new InetSocketAddress(java.net.InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress(java.net.InetAddress.getByName(HOME), relay.port()));
    s.setSoTimeout((int) WAIT.toMillis());
    return s;
  }

  /**
   * Writes {@code request} verbatim on a fresh connection and returns everything the relay sends
   * until it closes the connection or its JSON body ends ({@code "}"}).
   */
  public String rawHttp(String from, String request) throws Exception {
    try (java.net.Socket s = rawSocket(from)) {
      s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      java.io.InputStream in = s.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buf = new byte[4096];
      while (!answer.toString().endsWith("}")) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        answer.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
      }
      return answer.toString();
    }
  }

  /** A new account, signed in from {@code from}. */
  public SessionResponse signUp(String from) throws Exception {
    int n = names.incrementAndGet();
    Resp r = call(from, "POST", "/api/v1/accounts", null,
        new CreateAccountRequest("user" + n, Secret.fromText(PASSWORD), "User " + n));
    assertThat(r.status()).as("sign-up").isEqualTo(201);
    return r.as(SessionResponse.class);
  }

  public static String token(SessionResponse s) {
    return s.token().text(SecretAccess.REVEAL);
  }

  public DiscoveryResponse discovery(String from, SessionResponse s, String... headers) throws Exception {
    Resp r = call(from, "GET", "/api/v1/discovery", token(s), null, headers);
    assertThat(r.status()).as("discovery").isEqualTo(200);
    return r.as(DiscoveryResponse.class);
  }

  /** The local secret of a real agent, fetched over its LAN exchange from {@code from}. */
  public Secret exchange(String from, DiscoveredPrinter printer) throws Exception {
    ContentResponse r = http(from).newRequest(URI.create("http://" + printer.privateIp() + ":" + printer.port()
            + "/discovery/v1/exchange"))
        .method("POST").timeout(WAIT.toSeconds(), TimeUnit.SECONDS)
        .body(new StringRequestContent("application/json", Json.write(new ExchangeRequest(printer.instanceId()))))
        .send();
    assertThat(r.getStatus()).as("LAN exchange").isEqualTo(200);
    return Json.parse(r.getContentAsString(), ExchangeResponse.class).localSecret();
  }

  /** A well-formed link request for {@code account} with a proof made from {@code localSecret}. */
  public LinkRequestCreate linkRequest(SessionResponse account, String instanceId, Secret localSecret) {
    String nonce = Secrets.newNonce(random, 16);
    return new LinkRequestCreate(instanceId, nonce, Proof.compute(localSecret, instanceId, account.accountId(), nonce));
  }

  /** Polls {@code GET /api/v1/link-requests/{id}} until it reaches an end state. */
  public LinkRequestView awaitEnd(String from, SessionResponse s, String linkRequestId) throws Exception {
    LinkRequestView[] last = new LinkRequestView[1];
    await("link request " + linkRequestId + " ends", () -> {
      try {
        last[0] = call(from, "GET", "/api/v1/link-requests/" + linkRequestId, token(s), null).as(LinkRequestView.class);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return last[0].linkState().isFinal();
    });
    return last[0];
  }

  /** The one printer {@code s} sees in discovery from {@code from}, once there is one. */
  public DiscoveredPrinter awaitPrinter(String from, SessionResponse s) {
    return awaitValue("a printer is in discovery for " + from, () -> {
      try {
        return discovery(from, s).printers().stream().findFirst().orElse(null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * The whole auto-discovery link, as a client on the agent's network does it: discovery, LAN
   * exchange, proof, link request; returns the end state's view (LINKED when all went well).
   */
  public LinkRequestView link(SessionResponse owner) throws Exception {
    DiscoveredPrinter printer = awaitPrinter(HOME, owner);
    Secret secret = exchange(HOME, printer);
    Resp r = call(HOME, "POST", "/api/v1/link-requests", token(owner), linkRequest(owner, printer.instanceId(), secret));
    assertThat(r.status()).as("link request accepted: " + r.body()).isEqualTo(202);
    return awaitEnd(HOME, owner, r.as(LinkRequestView.class).id());
  }

  // ---- WebSockets ----

  public synchronized WebSocketClient ws(String sourceAddress) {
    return ws.computeIfAbsent(sourceAddress, a -> {
      WebSocketClient c = new WebSocketClient(http(a));
      start(c::start);
      return c;
    });
  }

  /** Opens a socket from {@code from}; headers in pairs. Fails if the upgrade is refused. */
  public Socket connect(String from, String path, String bearer, String... headers) throws Exception {
    Socket socket = new Socket();
    ClientUpgradeRequest req = new ClientUpgradeRequest();
    if (bearer != null) {
      req.setHeader("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      req.setHeader(headers[i], headers[i + 1]);
    }
    ws(from).connect(socket, relay.wsUri().resolve(path), req).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return socket;
  }

  /** The HTTP status of a refused upgrade; empty when the upgrade succeeded (the socket is then closed). */
  public OptionalInt upgradeStatus(String from, String path, String bearer, String... headers) throws Exception {
    try {
      connect(from, path, bearer, headers).close();
      return OptionalInt.empty();
    } catch (ExecutionException e) {
      Throwable t = e;
      while (t != null && !(t instanceof UpgradeException)) {
        t = t.getCause();
      }
      if (t == null) {
        throw e;
      }
      return OptionalInt.of(((UpgradeException) t).getResponseStatusCode());
    }
  }

  /** A scripted agent from {@code from}: connects and announces {@code instanceId}, and is accepted. */
  public Socket agent(String from, String instanceId, String... headers) throws Exception {
    Socket agent = connect(from, "/agent/v1/discovery", null, headers);
    agent.send(Messages.ANNOUNCE, announce(instanceId, null));
    Announced announced = agent.nextOf(Messages.RELAY_TO_AGENT, Messages.ANNOUNCED, Announced.class);
    agent.presenceToken = announced.presenceToken();
    agent.seenFrom = announced.seenFrom();
    return agent;
  }

  public static Announce announce(String instanceId, Secret presenceToken) {
    return new Announce(1, instanceId, "192.168.1.50", 8765, "octopi", "printer-agent", "0.1.0", "Prusa MK4", 600,
        presenceToken);
  }

  public static String newInstanceId() {
    return UUID.randomUUID().toString();
  }

  // ---- real agents ----

  /** A real printer agent on this machine, announcing itself at 127.0.0.1 to this relay. */
  public PrinterAgent startAgent(Path stateDir, String name) throws Exception {
    return startAgent(stateDir, name, b -> { });
  }

  public PrinterAgent startAgent(Path stateDir, String name, Consumer<AgentConfig.Builder> tweak) throws Exception {
    Files.createDirectories(stateDir);
    AgentConfig.Builder b = AgentConfig.builder().relayUri(relay.httpUri()).port(0).bindHost(HOME)
        .stateDir(stateDir).name(name).model("Test MK1").advertiseHost(HOME);
    tweak.accept(b);
    PrinterAgent agent = PrinterAgent.start(b.build());
    synchronized (this) {
      agents.add(agent);
    }
    return agent;
  }

  /** Waits until {@code agent}'s status satisfies {@code condition}. */
  public static AgentStatus awaitStatus(PrinterAgent agent, String what, java.util.function.Predicate<AgentStatus> condition) {
    await(what, () -> condition.test(agent.status()));
    return agent.status();
  }

  // ---- database ----

  public Connection db() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("relay"), "relay", "");
  }

  /** {@code SELECT COUNT(*)} with one string parameter per {@code ?}. */
  public int count(String sql, String... params) throws SQLException {
    try (Connection c = db(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  // ---- waiting ----

  /** Polls {@code condition} until true or {@link #WAIT} passes (then fails naming {@code what}). */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }
  }

  /** Polls {@code value} until it is non-null. */
  public static <T> T awaitValue(String what, Supplier<T> value) {
    Object[] box = new Object[1];
    await(what, () -> (box[0] = value.get()) != null);
    @SuppressWarnings("unchecked")
    T t = (T) box[0];
    return t;
  }

  private interface Starter {
    void run() throws Exception;
  }

  private static void start(Starter s) {
    try {
      s.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void stopQuietly(org.eclipse.jetty.util.component.LifeCycle c) {
    try {
      c.stop();
    } catch (Exception e) {
      // stopping a test client: nothing to do
    }
  }

  /** A test WebSocket endpoint that queues what it receives. Public because Jetty requires it. */
  public static class Socket extends Session.Listener.AbstractAutoDemanding {
    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    public volatile Secret presenceToken;
    public volatile String seenFrom;

    @Override
    public void onWebSocketText(String message) {
      texts.add(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      closed.complete(statusCode);
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      closed.complete(-1);
    }

    public void send(String type, Record body) {
      sendText(Json.writeMessage(type, body));
    }

    public void sendText(String text) {
      getSession().sendText(text, Callback.NOOP);
    }

    public Message next(MessageSet set) throws Exception {
      String t = texts.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (t == null) {
        throw new AssertionError("no message within " + WAIT);
      }
      return Json.parseMessage(t, set);
    }

    /** The next message of {@code type}, skipping others (e.g. discovery pushes). */
    public <T extends Record> T nextOf(MessageSet set, String type, Class<T> cls) throws Exception {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() - deadline < 0) {
        String t = texts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (t == null) {
          break;
        }
        Message m = Json.parseMessage(t, set);
        if (m.type().equals(type)) {
          return m.as(cls);
        }
      }
      throw new AssertionError("no '" + type + "' message within " + WAIT);
    }

    /** The close status code (or -1 for an error) within {@link #WAIT}. */
    public int awaitClose() throws Exception {
      return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public boolean isOpen() {
      Session s = getSession();
      return s != null && s.isOpen() && !closed.isDone();
    }

    public void close() {
      Session s = getSession();
      if (s != null) {
        s.close();
      }
    }
  }

  /** Keeps every formatted log line (with any stack trace) of every logger while attached. */
  public static final class LogCapture extends AppenderBase<ILoggingEvent> {
    private final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    static LogCapture attach() {
      Logger root = root();
      LogCapture c = new LogCapture();
      c.setContext(root.getLoggerContext());
      c.start();
      root.addAppender(c);
      return c;
    }

    void detach() {
      root().detachAppender(this);
      stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
    }

    /** Lines as "LEVEL logger message" plus any stack trace. */
    public List<String> lines() {
      List<String> out = new ArrayList<>();
      for (ILoggingEvent e : events) {
        String line = e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage();
        if (e.getThrowableProxy() != null) {
          line += "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
        }
        out.add(line);
      }
      return out;
    }

    /** Lines at {@code level} or above whose text contains {@code fragment}. */
    public List<String> atLeast(Level level, String fragment) {
      List<String> out = new ArrayList<>();
      for (ILoggingEvent e : events) {
        if (e.getLevel().isGreaterOrEqual(level) && e.getFormattedMessage().contains(fragment)) {
          out.add(e.getLevel() + " " + e.getFormattedMessage());
        }
      }
      return out;
    }

    /** ERROR lines, and any line carrying a stack trace: a relay that keeps serving logs none for bad input. */
    public List<String> errorsAndStackTraces() {
      List<String> out = new ArrayList<>();
      for (ILoggingEvent e : events) {
        if (e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null) {
          // Thread and exception named, so a failure seen once in CI can be traced to its side (relay, agent, client).
          out.add(e.getLevel() + " [" + e.getThreadName() + "] " + e.getLoggerName() + " " + e.getFormattedMessage()
              + (e.getThrowableProxy() == null ? ""
                  : " | " + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage()));
        }
      }
      return out;
    }

    private static Logger root() {
      return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
  }
}
