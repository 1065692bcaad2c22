package io.printerlink.security;

import static io.printerlink.security.RelayFixture.HOME;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentStatus;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.relay.limits.Rate;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, must-show 5 (T14/T15 robustness): a seeded mutation fuzzer sends at least 100,000
 * malformed inputs over real sockets to every relay endpoint, HTTP and WebSocket, and to the
 * agent's LAN exchange; then a printer still links.
 *
 * <p>Each input starts from a valid request (or WebSocket message) for one endpoint and gets one
 * to three mutations: its JSON body (truncated, bytes flipped, tokens inserted, fields dropped or
 * added, values retyped, deep nesting, oversized or unicode-trick strings, invalid UTF-8), its path
 * (odd ids, percent-encoded junk, traversal, query strings), its method, its headers (content
 * type, forwarding chains, encodings, oversized) and its credentials (none, junk, another's
 * valid token). A share is written byte for byte on raw sockets (broken request lines, duplicate
 * or lying {@code Content-Length}, bad chunking, bare LF, CL+TE smuggling) and as raw WebSocket
 * upgrades (bad keys and versions) followed by garbage frames. Everything the relay answers must be
 * below 500 and in the one JSON error shape, no socket may close with 1011 or carry an
 * {@code INTERNAL} error, no ERROR line or stack trace may reach the log and no thread may die of
 * an uncaught exception.
 *
 * <p>Addresses: the fuzzers' sockets leave from 127.0.0.2-127.0.0.8 (seven outsider network keys)
 * and 127.0.0.9, configured as the relay's trusted proxy so its junk forwarding chains are parsed.
 * The household (the links before and after) uses 127.0.0.1, which the fuzzer never claims, so
 * the closing link is a fair check that the relay still serves. Rate limits are raised in this
 * relay so inputs reach the parsers and services behind them (T10, T15 and the rate-limit tests
 * prove the limits); sizes, caps and timeouts keep their defaults.
 *
 * <p>{@code -Dfuzz.seed=N} replays a run; {@code -Dfuzz.count=N} changes its size (at least
 * 100,000 unless set). The seed and the counts are printed.
 */
public class T14SeededFuzzTest {
  static final long SEED = Long.getLong("fuzz.seed", System.nanoTime() ^ 0x5DEECE66DL);
  static final int COUNT = Integer.getInteger("fuzz.count", 100_000);
  static final String PROXY = "127.0.0.9";
  static final String[] SOURCES = {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7",
      "127.0.0.8", PROXY};
  static final int IN_FLIGHT = 24;
  static final Duration DRAIN = Duration.ofSeconds(60);

  @TempDir Path dir;
  private RelayFixture f;
  private final Stats stats = new Stats();
  private final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
  private Thread.UncaughtExceptionHandler previousHandler;
  private ExecutorService rawPool;

  // what the fuzzer knows: real ids and tokens to mix into its inputs
  private final List<String> sessionTokens = new ArrayList<>();
  private String printerId;
  private String printerToken;
  private String linkRequestId;
  private PrinterAgent exchangeAgent;
  private String exchangeInstanceId;

  @BeforeEach
  void start() {
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    f = RelayFixture.start(dir, b -> b.trustedProxies(List.of(PROXY + "/32"))
        .linkRequestsPerAccount(Rate.of(1_000_000, Duration.ofMinutes(10)))
        .linkRequestsPerKey(Rate.of(1_000_000, Duration.ofMinutes(10)))
        .agentClaimsPerKey(Rate.of(1_000_000, Duration.ofMinutes(1)))
        .maxWsMessagesPerSecond(10_000)
        .codeFailuresPerKey(1_000_000).codeFailuresGlobal(1_000_000).codeIssuesPerAccount(1_000_000)
        .signInFailuresPerKey(1_000_000).signInFailuresPerUsername(1_000_000)
        .accountsPerKey(Rate.of(1_000_000, Duration.ofMinutes(10))));
    rawPool = Executors.newFixedThreadPool(6);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      rawPool.shutdownNow();
      rawPool.awaitTermination(10, TimeUnit.SECONDS);
      f.close();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }
  }

  @Test
  void hundredThousandMalformedInputsGetNo5xxNoLoggedExceptionAndAPrinterStillLinks_T14() throws Exception {
    // Before: a real link on the household's network, so the fuzzer holds a real printer id and
    // token, a real link request id and session tokens; then that agent stops.
    SessionResponse owner = f.signUp(HOME);
    PrinterAgent linkedAgent = f.startAgent(dir.resolve("agent-linked"), "linked-before");
    LinkRequestView before = f.link(owner);
    assertThat(before.linkState()).isEqualTo(LinkState.LINKED);
    printerId = before.printerId();
    linkRequestId = before.id();
    Path tokenFile = dir.resolve("agent-linked").resolve(TokenStore.TOKEN_FILE);
    RelayFixture.await("token file written", () -> Files.exists(tokenFile));
    printerToken = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
    linkedAgent.close();
    sessionTokens.add(RelayFixture.token(owner));
    for (String source : SOURCES) {
      sessionTokens.add(RelayFixture.token(f.signUp(source)));
    }
    // The agent whose LAN exchange is fuzzed (its window closes after ten failures, as it must).
    exchangeAgent = f.startAgent(dir.resolve("agent-fuzzed"), "fuzzed-exchange");
    exchangeInstanceId = RelayFixture.awaitStatus(exchangeAgent, "discoverable", AgentStatus::lastAnnounceAccepted)
        .instanceId();

    long started = System.nanoTime();
    fuzz(new SplittableRandom(SEED));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    String summary = stats.summary(took);
    System.out.println(summary);
    assertThat(stats.sent.sum()).as(summary).isGreaterThanOrEqualTo(COUNT);
    assertThat(stats.fiveXx).as("5xx answers (seed %d)%n%s", SEED, summary).isEmpty();
    assertThat(stats.badShape).as("4xx answers not in the JSON error shape (seed %d)", SEED).isEmpty();
    assertThat(stats.wsServerErrors).as("1011 closes or INTERNAL errors on WebSockets (seed %d)", SEED).isEmpty();
    assertThat(stats.clientFailures.sum()).as("inputs that got neither an answer nor a close (seed %d)%n%s", SEED, summary)
        .isLessThanOrEqualTo(COUNT / 200);
    assertThat(f.logs.errorsAndStackTraces()).as("ERROR lines or stack traces in the log (seed %d)", SEED).isEmpty();
    assertThat(uncaught).as("uncaught exceptions (seed %d)", SEED).isEmpty();

    // After: the relay still serves and still links a printer on the household's network.
    assertThat(f.call(HOME, "GET", "/healthz", null, null).status()).isEqualTo(200);
    exchangeAgent.close();
    SessionResponse household = f.signUp(HOME);
    f.startAgent(dir.resolve("agent-after"), "linked-after");
    LinkRequestView after = f.link(household);
    assertThat(after.linkState()).as("a printer links after the fuzz run (seed %d)", SEED).isEqualTo(LinkState.LINKED);
    assertThat(f.count("SELECT COUNT(*) FROM printers WHERE id = ? AND state = 'ACTIVE'", after.printerId())).isEqualTo(1);
  }

  // ---- the run ----

  private void fuzz(SplittableRandom rnd) throws Exception {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    WsPool ws = new WsPool();
    try {
      // An input the client refused to put on the wire is taken back off the count once it
      // completes, so keep going until the count holds after everything has completed.
      do {
        fuzzUntilCount(rnd, inFlight, ws);
        assertThat(inFlight.tryAcquire(IN_FLIGHT, DRAIN.toSeconds(), TimeUnit.SECONDS))
            .as("every input answered within %s", DRAIN).isTrue();
        inFlight.release(IN_FLIGHT);
      } while (stats.sent.sum() < COUNT);
    } finally {
      ws.closeAll();
    }
  }

  private void fuzzUntilCount(SplittableRandom rnd, Semaphore inFlight, WsPool ws) throws Exception {
    while (stats.sent.sum() < COUNT) {
      int pick = rnd.nextInt(1000);
      inFlight.acquire();
      if (pick < 740) {
        httpInput(rnd, inFlight);
      } else if (pick < 780) {
        exchangeInput(rnd, inFlight);
      } else if (pick < 820) {
        rawInput(rawHttp(rnd), "raw-http", pickSource(rnd), f.relay.port(), inFlight);
      } else if (pick < 830) {
        rawInput(rawUpgrade(rnd), "raw-ws-upgrade", pickSource(rnd), f.relay.port(), inFlight);
      } else {
        ws.send(rnd, inFlight);
      }
    }
  }

  // ---- HTTP through a real client ----

  /** One endpoint: method, path (with {@code {id}}), the body it takes and the credential it wants. */
  record Endpoint(String method, String path, Body body, Auth auth) {}

  enum Body { NONE, ACCOUNT, SIGN_IN, LINK, RENAME, EMPTY, REDEEM, LINK_REF }

  enum Auth { NONE, SESSION, PRINTER }

  static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint("GET", "/healthz", Body.NONE, Auth.NONE),
      new Endpoint("GET", "/metrics", Body.NONE, Auth.NONE),
      new Endpoint("GET", "/api/v1/discovery", Body.NONE, Auth.SESSION),
      new Endpoint("POST", "/api/v1/accounts", Body.ACCOUNT, Auth.NONE),
      new Endpoint("POST", "/api/v1/sessions", Body.SIGN_IN, Auth.NONE),
      new Endpoint("DELETE", "/api/v1/sessions/current", Body.NONE, Auth.SESSION),
      new Endpoint("POST", "/api/v1/link-requests", Body.LINK, Auth.SESSION),
      new Endpoint("GET", "/api/v1/link-requests/{lr}", Body.NONE, Auth.SESSION),
      new Endpoint("GET", "/api/v1/printers", Body.NONE, Auth.SESSION),
      new Endpoint("PATCH", "/api/v1/printers/{prn}", Body.RENAME, Auth.SESSION),
      new Endpoint("DELETE", "/api/v1/printers/{prn}", Body.NONE, Auth.SESSION),
      new Endpoint("POST", "/api/v1/link-codes", Body.EMPTY, Auth.SESSION),
      new Endpoint("POST", "/api/v1/agent/link-code", Body.REDEEM, Auth.NONE),
      new Endpoint("POST", "/api/v1/agent/token-stored", Body.LINK_REF, Auth.PRINTER));

  static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FUZZ",
      "CONNECT"};

  private void httpInput(SplittableRandom rnd, Semaphore inFlight) {
    Endpoint e = ENDPOINTS.get(rnd.nextInt(ENDPOINTS.size()));
    String label = e.method() + " " + e.path();
    String method = e.method();
    String path = fillPath(rnd, e.path());
    byte[] body = e.body() == Body.NONE ? null : template(rnd, e.body()).getBytes(StandardCharsets.UTF_8);
    String contentType = body == null ? null : "application/json";
    String bearer = validCredential(rnd, e.auth());
    List<String[]> headers = new ArrayList<>();
    int mutations = 1 + rnd.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      switch (rnd.nextInt(e.body() == Body.NONE ? 5 : 9)) {
        case 0 -> method = METHODS[rnd.nextInt(METHODS.length)];
        case 1 -> path = mutatePath(rnd, path);
        case 2 -> bearer = mutateCredential(rnd, bearer);
        case 3 -> headers.add(junkHeader(rnd));
        case 4 -> {
          body = mutateBytes(rnd, body == null ? template(rnd, Body.values()[1 + rnd.nextInt(7)]).getBytes(StandardCharsets.UTF_8) : body);
          contentType = contentType == null ? "application/json" : contentType;
        }
        case 5 -> contentType = junkContentType(rnd);
        default -> body = mutateBytes(rnd, body);
      }
    }
    // Never hand the fuzzer's own sign-out or a real unlink a valid credential: those would be
    // well-formed requests, not malformed ones, and would quietly shrink what the run can reach.
    if ("DELETE".equals(method) && bearer != null && (sessionTokens.contains(bearer) || bearer.equals(printerToken))) {
      bearer = bearer.substring(1) + "A";
    }
    String source = pickSource(rnd);
    send(f.http(source), "http://" + HOME + ":" + f.relay.port(), label, method, path, bearer, contentType, body,
        headers, true, inFlight);
  }

  private void exchangeInput(SplittableRandom rnd, Semaphore inFlight) {
    String method = rnd.nextInt(6) == 0 ? METHODS[rnd.nextInt(METHODS.length)] : "POST";
    String path = rnd.nextInt(6) == 0 ? mutatePath(rnd, "/discovery/v1/exchange") : "/discovery/v1/exchange";
    String id = rnd.nextInt(4) == 0 ? exchangeInstanceId : UUID.randomUUID().toString();
    byte[] body = mutateBytes(rnd, ("{\"instanceId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    List<String[]> headers = new ArrayList<>();
    if (rnd.nextBoolean()) {
      headers.add(junkHeader(rnd));
    }
    String contentType = rnd.nextInt(5) == 0 ? junkContentType(rnd) : "application/json";
    send(f.http(pickSource(rnd)), "http://" + HOME + ":" + exchangeAgent.exchangePort(), "agent POST /discovery/v1/exchange",
        method, path, null, contentType, body, headers, false, inFlight);
  }

  private void send(HttpClient client, String origin, String label, String method, String path, String bearer,
      String contentType, byte[] body, List<String[]> headers, boolean relay, Semaphore inFlight) {
    Request req;
    try {
      req = client.newRequest(origin + path).method(method).timeout(30, TimeUnit.SECONDS);
      req.headers(h -> {
        if (bearer != null) {
          h.put("Authorization", "Bearer " + bearer);
        }
        for (String[] kv : headers) {
          h.add(kv[0], kv[1]);
        }
      });
      if (body != null) {
        req.body(new BytesRequestContent(contentType == null ? "application/octet-stream" : contentType, body));
      }
    } catch (RuntimeException e) {
      // The client itself refused to build this request (e.g. a URI it cannot parse): nothing was sent.
      stats.notSent.increment();
      inFlight.release();
      return;
    }
    stats.sent.increment();
    stats.count(label);
    String input = method + " " + path + " " + excerpt(body);
    req.send(new BufferingResponseListener(64 * 1024) {
      @Override
      public void onComplete(Result result) {
        try {
          if (result.getResponse() != null && result.getResponse().getStatus() > 0) {
            int status = result.getResponse().getStatus();
            String content = getContentAsString(StandardCharsets.UTF_8);
            stats.answered(status, label, input, relay && !"HEAD".equals(method) ? content : null,
                result.getResponse().getHeaders().get("Content-Type"));
          } else if (result.getFailure() instanceof IllegalArgumentException) {
            // the client's own check (e.g. its header buffer) refused it before the wire: not sent
            stats.sent.decrement();
            stats.perEndpoint.get(label).decrement();
            stats.notSent.increment();
          } else {
            stats.failedWithoutAnswer(label, input, result.getFailure());
          }
        } finally {
          inFlight.release();
        }
      }
    });
  }

  // ---- raw bytes ----

  private void rawInput(byte[] request, String label, String source, int port, Semaphore inFlight) {
    stats.sent.increment();
    stats.count(label);
    rawPool.execute(() -> {
      try (java.net.Socket s = new java.net.Socket()) {
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(new InetSocketAddress(InetAddress.getByName(HOME), port), 10_000);
        s.setSoTimeout(15_000);
        OutputStream out = s.getOutputStream();
        boolean upgraded = false;
        try {
          out.write(request);
          out.flush();
        } catch (java.io.IOException writeFailed) {
          // the relay closed first (e.g. it refused an oversized header mid-write): read its answer
        }
        String head = readHead(s.getInputStream());
        if (head.isEmpty()) {
          stats.closedWithoutAnswer.increment();
          return;
        }
        int status = statusOf(head);
        if (status < 0) {
          stats.keepBadShape(label + " <- " + new String(request, 0, Math.min(request.length, 200),
              StandardCharsets.ISO_8859_1) + " -> not an HTTP answer: " + head);
          return;
        }
        if (status == 101) {
          upgraded = true;
          try {
            out.write(garbageFrames(new SplittableRandom(request.length * 31L + head.hashCode())));
            out.flush();
          } catch (java.io.IOException closed) {
            // the relay closed the socket on a bad frame: that is the expected outcome
          }
        }
        stats.answered(status, label, new String(request, 0, Math.min(request.length, 200), StandardCharsets.ISO_8859_1),
            null, null);
        if (upgraded) {
          s.shutdownOutput();
        }
      } catch (java.net.SocketTimeoutException e) {
        stats.failedWithoutAnswer(label, new String(request, 0, Math.min(request.length, 200),
            StandardCharsets.ISO_8859_1), e);
      } catch (java.io.IOException e) {
        // reset or refused while reading: the relay dropped a connection it would not parse
        stats.closedWithoutAnswer.increment();
      } catch (RuntimeException | Error e) {
        stats.keepBadShape("fuzzer fault on " + label + ": " + e);
      } finally {
        inFlight.release();
      }
    });
  }

  /** The status line and headers (up to the blank line), or "" when the relay closed without a word. */
  private static String readHead(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && head.size() < 16 * 1024) {
      head.write(b);
      String s = head.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static int statusOf(String head) {
    if (!head.startsWith("HTTP/1.1 ") || head.length() < 12 || !head.substring(9, 12).chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(head.substring(9, 12));
  }

  private byte[] rawHttp(SplittableRandom rnd) {
    Endpoint e = ENDPOINTS.get(rnd.nextInt(ENDPOINTS.size()));
    String path = fillPath(rnd, e.path());
    String body = e.body() == Body.NONE ? "" : template(rnd, e.body());
    byte[] bodyBytes = rnd.nextBoolean() ? body.getBytes(StandardCharsets.UTF_8) : mutateBytes(rnd, body.getBytes(StandardCharsets.UTF_8));
    String method = e.method();
    String version = "HTTP/1.1";
    String eol = "\r\n";
    List<String> headers = new ArrayList<>(List.of("Host: relay", "Connection: close"));
    String cl = "Content-Length: " + bodyBytes.length;
    boolean chunked = false;
    switch (rnd.nextInt(14)) {
      case 0 -> method = pick(rnd, "G ET", "get", "", "GET\u0000", "PO\tST", "X".repeat(300));
      case 1 -> version = pick(rnd, "HTTP/9.9", "HTTP/1.", "HTTP/0.9", "HTTX/1.1", "HTTP/1.1 extra", "");
      case 2 -> path = pick(rnd, "*", "http://other/" + path, "/" + "a".repeat(9000), path + "%", path + "%G1",
          "//..//..//etc/passwd", path + "\u00FF", path + "#frag", "/api/v1/printers/%2e%2e%2f");
      case 3 -> cl = pick(rnd, "Content-Length: -1", "Content-Length: 99999999999999999999", "Content-Length: abc",
          "Content-Length: " + bodyBytes.length + "\r\nContent-Length: " + (bodyBytes.length + 1),
          "Content-Length: " + (bodyBytes.length + 7), "Content-Length:  " + bodyBytes.length + " ,1");
      case 4 -> chunked = true;
      case 5 -> headers.add(pick(rnd, "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked",
          "Transfer-Encoding: xchunked"));
      case 6 -> eol = "\n";
      case 7 -> headers.add(pick(rnd, "NoColonHeader", " Leading-Space: x", "X-Fold: a\r\n  folded", "X-Nul: a\u0000b",
          "Bad Name: x", ": empty-name", "X-Utf8: \u00e9\u00e8"));
      case 8 -> headers.set(0, pick(rnd, "Host:", "Host: a\r\nHost: b", "Host: [::1", "Host: " + "h".repeat(5000)));
      case 9 -> headers.add("X-Big: " + "b".repeat(4000 + rnd.nextInt(12000)));
      case 10 -> headers.add(pick(rnd, "Expect: 100-continue", "Expect: nonsense", "Upgrade: h2c\r\nHTTP2-Settings: AAA",
          "Content-Encoding: gzip", "Content-Type: application/json; charset=utf-16"));
      case 11 -> headers.add("X-Forwarded-For: " + junkChain(rnd));
      case 12 -> headers.add("Forwarded: " + junkForwarded(rnd));
      default -> headers.remove(0);
    }
    if (e.auth() != Auth.NONE && rnd.nextBoolean()) {
      headers.add("Authorization: Bearer " + mutateCredential(rnd, validCredential(rnd, e.auth())));
    }
    if (!body.isEmpty() || rnd.nextInt(4) == 0) {
      headers.add("Content-Type: application/json");
    }
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append(eol);
    for (String h : headers) {
      head.append(h).append(eol);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (chunked) {
      head.append("Transfer-Encoding: chunked").append(eol).append(eol);
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(pick(rnd, "zz\r\n{}\r\n0\r\n\r\n", "5\r\n{\"a\":1}\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFF\r\n{}\r\n",
          "2;ext=\"x\r\n{}\r\n0\r\n\r\n", "-1\r\n\r\n", Integer.toHexString(bodyBytes.length) + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      if (rnd.nextBoolean()) {
        out.writeBytes(bodyBytes);
      }
    } else {
      head.append(cl).append(eol).append(eol);
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(bodyBytes);
    }
    return out.toByteArray();
  }

  private byte[] rawUpgrade(SplittableRandom rnd) {
    String path = pick(rnd, "/agent/v1/discovery", "/agent/v1/printer", "/client/v1/events", "/agent/v1/nothing",
        "/client/v1/events?x=%00");
    byte[] key = new byte[16];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) rnd.nextInt(256);
    }
    String wsKey = Base64.getEncoder().encodeToString(key);
    List<String> headers = new ArrayList<>(List.of("Host: relay", "Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: " + wsKey, "Sec-WebSocket-Version: 13"));
    switch (rnd.nextInt(8)) {
      case 0 -> headers.set(3, pick(rnd, "Sec-WebSocket-Key: short", "Sec-WebSocket-Key:", "Sec-WebSocket-Key: " + "A".repeat(500)));
      case 1 -> headers.set(4, pick(rnd, "Sec-WebSocket-Version: 8", "Sec-WebSocket-Version: x", "Sec-WebSocket-Version: 13, 13"));
      case 2 -> headers.set(1, pick(rnd, "Upgrade: h2c", "Upgrade: websocket, websocket", "Upgrade:"));
      case 3 -> headers.add(pick(rnd, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=99",
          "Sec-WebSocket-Extensions: x-unknown", "Sec-WebSocket-Protocol: " + "p,".repeat(200)));
      case 4 -> headers.add("X-Forwarded-For: " + junkChain(rnd));
      case 5 -> headers.add("Origin: null\u0001");
      default -> { }
    }
    String auth = path.startsWith("/agent/v1/printer") ? validCredential(rnd, Auth.PRINTER) : validCredential(rnd, Auth.SESSION);
    if (rnd.nextBoolean()) {
      headers.add("Authorization: Bearer " + (rnd.nextBoolean() ? auth : mutateCredential(rnd, auth)));
    }
    StringBuilder head = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Client frames that break the rules: unmasked, reserved bits and opcodes, lying lengths, fragments, closes. */
  private static byte[] garbageFrames(SplittableRandom rnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int frames = 1 + rnd.nextInt(3);
    for (int i = 0; i < frames; i++) {
      int kind = rnd.nextInt(6);
      byte[] payload = new byte[rnd.nextInt(40)];
      for (int j = 0; j < payload.length; j++) {
        payload[j] = (byte) rnd.nextInt(256);
      }
      int first = switch (kind) {
        case 0 -> 0x81; // text, final
        case 1 -> 0x01; // text, not final, never continued
        case 2 -> 0x80 | (3 + rnd.nextInt(5)); // reserved opcode
        case 3 -> 0xF1; // reserved bits set
        case 4 -> 0x88; // close with junk payload
        default -> rnd.nextInt(256);
      };
      out.write(first);
      boolean masked = rnd.nextInt(4) != 0;
      int len = rnd.nextInt(8) == 0 ? 127 : payload.length;
      out.write((masked ? 0x80 : 0) | len);
      if (len == 127) {
        out.writeBytes(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
      }
      if (masked) {
        out.writeBytes(new byte[] {1, 2, 3, 4});
      }
      out.writeBytes(payload);
    }
    return out.toByteArray();
  }

  // ---- WebSocket messages through a real client ----

  /** One open socket per (source, path), reopened when the relay closes it. */
  private final class WsPool {
    private final Map<String, FuzzSocket> open = new ConcurrentHashMap<>();

    void send(SplittableRandom rnd, Semaphore inFlight) throws Exception {
      String path = pick(rnd, "/agent/v1/discovery", "/agent/v1/discovery", "/client/v1/events", "/agent/v1/printer");
      // One printer socket at a time (a new one would replace it), from one outsider address.
      String source = path.equals("/agent/v1/printer") ? SOURCES[0] : SOURCES[rnd.nextInt(SOURCES.length - 1)];
      String text = mutateText(rnd, wsTemplate(rnd, path));
      FuzzSocket socket = socket(source, path);
      if (socket == null) {
        inFlight.release();
        return;
      }
      stats.sent.increment();
      stats.count("ws " + path);
      socket.getSession().sendText(text, new Callback() {
        @Override
        public void succeed() {
          inFlight.release();
        }

        @Override
        public void fail(Throwable x) {
          // the relay closed this socket (policy, size, bad data): its close code is checked
          stats.wsSendsOnClosed.increment();
          inFlight.release();
        }
      });
    }

    private FuzzSocket socket(String source, String path) throws Exception {
      String key = source + path;
      FuzzSocket s = open.get(key);
      if (s != null && s.usable()) {
        return s;
      }
      FuzzSocket fresh = new FuzzSocket(path, stats);
      ClientUpgradeRequest req = new ClientUpgradeRequest();
      String bearer = path.equals("/agent/v1/printer") ? printerToken
          : path.equals("/client/v1/events") ? sessionTokens.get(1 + java.util.Arrays.asList(SOURCES).indexOf(source)) : null;
      if (bearer != null) {
        req.setHeader("Authorization", "Bearer " + bearer);
      }
      try {
        f.ws(source).connect(fresh, f.relay.wsUri().resolve(path), req).get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable t = e;
        while (t != null && !(t instanceof org.eclipse.jetty.websocket.api.exceptions.UpgradeException)) {
          t = t.getCause();
        }
        if (t == null) {
          throw e;
        }
        int status = ((org.eclipse.jetty.websocket.api.exceptions.UpgradeException) t).getResponseStatusCode();
        stats.sent.increment();
        stats.count("ws upgrade " + path);
        stats.answered(status, "ws upgrade " + path, "upgrade " + path, null, null);
        return null;
      }
      stats.wsOpened.increment();
      open.put(key, fresh);
      return fresh;
    }

    void closeAll() {
      for (FuzzSocket s : open.values()) {
        s.close();
      }
    }
  }

  /** Counts what the relay says on a fuzzed socket; flags 1011 closes and INTERNAL errors. */
  public static final class FuzzSocket extends Session.Listener.AbstractAutoDemanding {
    private final String path;
    private final Stats stats;
    private volatile boolean closed;

    FuzzSocket(String path, Stats stats) {
      this.path = path;
      this.stats = stats;
    }

    @Override
    public void onWebSocketText(String message) {
      stats.wsReplies.increment();
      if (message.contains("\"" + ErrorCodes.INTERNAL + "\"") || message.contains("Exception")) {
        stats.wsServerErrors.add(path + ": " + message.substring(0, Math.min(200, message.length())));
      }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      closed = true;
      stats.closeCodes.computeIfAbsent(statusCode, c -> new LongAdder()).increment();
      if (statusCode == StatusCode.SERVER_ERROR) {
        stats.wsServerErrors.add(path + ": closed 1011 " + reason);
      }
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      closed = true;
    }

    boolean usable() {
      Session s = getSession();
      return !closed && s != null && s.isOpen();
    }

    void close() {
      Session s = getSession();
      if (s != null && s.isOpen()) {
        s.close();
      }
    }
  }

  private String wsTemplate(SplittableRandom rnd, String path) {
    return switch (path) {
      case "/agent/v1/discovery" -> switch (rnd.nextInt(4)) {
        case 0 -> Json.writeMessage(Messages.VERIFIED, new io.printerlink.protocol.ws.LinkRequestRef(linkRequestId));
        case 1 -> "{\"type\":\"rejected\",\"linkRequestId\":\"" + linkRequestId + "\"}";
        case 2 -> "{\"type\":\"token-stored\",\"linkRequestId\":\"lr_" + "A".repeat(22) + "\"}";
        // announces from outsider keys only: a fuzzed agent never lands on the household's key
        default -> Json.writeMessage(Messages.ANNOUNCE, RelayFixture.announce(UUID.randomUUID().toString(), null));
      };
      case "/client/v1/events" -> pick(rnd, "{\"type\":\"discovery\"}", "{\"type\":\"subscribe\",\"printerId\":\"" + printerId + "\"}", "{}");
      default -> "{\"type\":\"status\",\"printerId\":\"" + printerId + "\",\"online\":true}";
    };
  }

  // ---- input building and mutation ----

  private String template(SplittableRandom rnd, Body body) {
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(rnd, 16));
    String proof = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(rnd, 32));
    return switch (body) {
      case ACCOUNT -> "{\"username\":\"fz" + rnd.nextInt(1_000_000) + "\",\"password\":\"correct horse battery\",\"displayName\":\"Fuzz\"}";
      case SIGN_IN -> "{\"username\":\"user" + (1 + rnd.nextInt(9)) + "\",\"password\":\"correct horse battery\"}";
      case LINK -> "{\"instanceId\":\"" + (rnd.nextBoolean() ? exchangeInstanceId : UUID.randomUUID().toString())
          + "\",\"nonce\":\"" + nonce + "\",\"proof\":\"" + proof + "\"}";
      case RENAME -> "{\"name\":\"Fuzzed " + rnd.nextInt(100) + "\"}";
      case EMPTY -> "{}";
      case REDEEM -> "{\"protocol\":1,\"code\":\"" + String.format("%06d", rnd.nextInt(1_000_000))
          + "\",\"hostname\":\"octopi\",\"agentName\":\"fz\",\"agentVersion\":\"0.1.0\",\"model\":\"MK4\"}";
      case LINK_REF -> "{\"linkRequestId\":\"" + (rnd.nextBoolean() ? linkRequestId : "lr_" + "B".repeat(22)) + "\"}";
      case NONE -> "";
    };
  }

  private String fillPath(SplittableRandom rnd, String path) {
    return path.replace("{lr}", rnd.nextBoolean() ? linkRequestId : "lr_" + "C".repeat(22))
        .replace("{prn}", rnd.nextBoolean() ? printerId : "prn_" + "D".repeat(22));
  }

  /**
   * Paths stay valid URIs (percent-encoded) and, with the headers, inside the client's own request
   * buffer, so the client sends them; broken and oversized ones go out raw ({@link #rawHttp}).
   */
  private static String mutatePath(SplittableRandom rnd, String path) {
    int slash = path.lastIndexOf('/');
    String head = path.substring(0, slash + 1);
    String tail = path.substring(slash + 1);
    return switch (rnd.nextInt(10)) {
      case 0 -> head + "x".repeat(rnd.nextInt(2000));
      case 1 -> head + pick(rnd, "%00", "%E2%80%AE", "%FF%FE", "%C0%AF", "..%2F..%2Fhealthz", "%2e%2e", "%25", "%20", "~", "%0D%0A");
      case 2 -> path + "/";
      case 3 -> path.replace("/", "//");
      case 4 -> path.toUpperCase(java.util.Locale.ROOT);
      case 5 -> path + "?" + pick(rnd, "a=1", "a=%00", "x=" + "q".repeat(1500), "&&&=", "id[]=1&id[]=2");
      case 6 -> head + tail + pick(rnd, ";jsessionid=1", ";a=b", ".json", "%3F");
      case 7 -> head + "../" + tail;
      case 8 -> "/api/v2/" + tail;
      default -> head + tail.substring(0, tail.isEmpty() ? 0 : rnd.nextInt(tail.length()));
    };
  }

  private String validCredential(SplittableRandom rnd, Auth auth) {
    return switch (auth) {
      case NONE -> rnd.nextInt(4) == 0 ? sessionTokens.get(rnd.nextInt(sessionTokens.size())) : null;
      case SESSION -> sessionTokens.get(rnd.nextInt(sessionTokens.size()));
      case PRINTER -> rnd.nextInt(4) == 0 ? sessionTokens.get(0) : printerToken;
    };
  }

  private String mutateCredential(SplittableRandom rnd, String token) {
    String t = token == null || token.isEmpty() ? printerToken : token;
    return switch (rnd.nextInt(7)) {
      case 0 -> null;
      case 1 -> t.substring(0, rnd.nextInt(t.length()));
      case 2 -> t + t;
      case 3 -> t.substring(1) + "A";
      case 4 -> "x".repeat(rnd.nextInt(1500));
      case 5 -> rnd.nextBoolean() ? printerToken : sessionTokens.get(rnd.nextInt(sessionTokens.size()));
      default -> t.replace('A', '-').replace('b', '_') + "=";
    };
  }

  private static String[] junkHeader(SplittableRandom rnd) {
    return switch (rnd.nextInt(9)) {
      case 0 -> new String[] {"X-Forwarded-For", junkChain(rnd)};
      case 1 -> new String[] {"Forwarded", junkForwarded(rnd)};
      case 2 -> new String[] {"Content-Encoding", pick(rnd, "gzip", "br", "deflate, gzip", "identity;q=0")};
      case 3 -> new String[] {"Accept", pick(rnd, "text/html", "*/*;q=abc", "application/json; charset=ebcdic")};
      case 4 -> new String[] {"X-Padding", "p".repeat(rnd.nextInt(1500))};
      case 5 -> new String[] {"Authorization", pick(rnd, "Bearer", "Basic dXNlcjpwdw==", "Bearer a b", "bearer x", "Bearer \u00e9")};
      case 6 -> new String[] {"Origin", pick(rnd, "null", "http://evil.example", "file://")};
      case 7 -> new String[] {"Cookie", "session=" + "c".repeat(rnd.nextInt(1500))};
      default -> new String[] {"X-Real-IP", pick(rnd, "127.0.0.1", "192.168.1.10", "::1", "not-an-ip")};
    };
  }

  private static String junkContentType(SplittableRandom rnd) {
    return pick(rnd, "text/plain", "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "application/json;;;",
        "*/*", "APPLICATION/JSON", "application/problem+json", "");
  }

  /** Forwarding chains; never naming 127.0.0.1, so no fuzzed request lands on the household's key. */
  private static String junkChain(SplittableRandom rnd) {
    return pick(rnd, "192.168.1.10", "203.0.113.7, 127.0.0.9", "unknown", "", ",,,", "1.2.3.4:99999",
        "[2001:db8::1]:443", "[2001:db8::1", "2001:db8::1, ::ffff:203.0.113.9", "_hidden", "127.0.0.9, ".repeat(40),
        "999.1.1.1", "0x7f000002", "203.0.113.7\u0000", "a".repeat(1200));
  }

  private static String junkForwarded(SplittableRandom rnd) {
    return pick(rnd, "for=203.0.113.7", "for=\"[2001:db8::1]:4711\"", "for=unknown", "for=\"_x\"", "for=", "by=1.2.3.4",
        "for=1.2.3.4;for=5.6.7.8", "for=\"1.2.3.4", "for=1.2.3.4, , for=5.6.7.8", ";;;", "for=127.0.0.9, for=203.0.113.8",
        "FOR=198.51.100.2;proto=https;host=\"x\"", "for=\"\\\"\"");
  }

  private static byte[] mutateBytes(SplittableRandom rnd, byte[] input) {
    if (rnd.nextInt(8) == 0) {
      return rawByteMutation(rnd, input);
    }
    return mutateText(rnd, new String(input, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
  }

  /** Byte-level mutations a String cannot carry: invalid and overlong UTF-8, random bytes. */
  private static byte[] rawByteMutation(SplittableRandom rnd, byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = input.length == 0 ? 0 : rnd.nextInt(input.length);
    out.write(input, 0, at);
    out.writeBytes(switch (rnd.nextInt(6)) {
      case 0 -> new byte[] {(byte) 0xC0, (byte) 0xAF};
      case 1 -> new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
      case 2 -> new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80};
      case 3 -> new byte[] {(byte) 0xFF, (byte) 0xFE};
      case 4 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
      default -> bytes(rnd, 1 + rnd.nextInt(16));
    });
    out.write(input, at, input.length - at);
    return out.toByteArray();
  }

  static final String[] TOKENS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-0", "1e999", "0x10",
      "NaN", "\\u0000", "\\ud800", "\\", "/*c*/", "'", "9223372036854775808", "-1", "1.5", "\"\"", "{}", "[]"};
  static final String[] TRICKS = {"\u202E", "\u0000", "\u001B[31m", "\uFEFF", "\u0085", "\u2066", "<script>x</script>",
      "${jndi:ldap://x}", "'; DROP TABLE accounts;--", "%s%n", "\uD83D\uDE00", "\u0301\u0301\u0301", "../../"};

  /** One to three JSON-aware or blind text mutations. */
  static String mutateText(SplittableRandom rnd, String s) {
    String out = s;
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = out.isEmpty() ? 0 : rnd.nextInt(out.length() + 1);
      out = switch (rnd.nextInt(14)) {
        case 0 -> out.substring(0, at); // truncate
        case 1 -> out.substring(0, at) + TOKENS[rnd.nextInt(TOKENS.length)] + out.substring(at); // insert a token
        case 2 -> at < out.length() ? out.substring(0, at) + (char) (32 + rnd.nextInt(95)) + out.substring(at + 1) : out + "}";
        case 3 -> out.replaceFirst("\"[a-zA-Z]+\":(\"[^\"]*\"|[0-9]+|true|false|null)(,)?", ""); // drop a field
        case 4 -> out.replaceFirst("\\{", Matcher.quoteReplacement("{\"" + pick(rnd, "admin", "type", "__proto__", "accountId",
            "x".repeat(200)) + "\":" + pick(rnd, "true", "1", "\"x\"", "{}", "[]") + ",")); // add a field
        case 5 -> out.replaceFirst(":(\"[^\"]*\"|-?[0-9]+|true|false|null)", Matcher.quoteReplacement(":" + pick(rnd, "42", "-1",
            "1.0e308", "[]", "{}", "null", "true", "\"\"", "[\"a\"]", "{\"a\":1}", "99999999999999999999",
            "\"" + "s".repeat(300) + "\""))); // retype
        case 6 -> "[".repeat(1 + rnd.nextInt(3000)) + out + "]".repeat(rnd.nextInt(3000)); // deep nesting
        case 7 -> out.replaceFirst(":\"", ":\"" + "w".repeat(rnd.nextInt(20_000))); // long or oversized string
        case 8 -> out.replaceFirst(":\"", Matcher.quoteReplacement(":\"" + TRICKS[rnd.nextInt(TRICKS.length)])); // unicode tricks
        case 9 -> out + pick(rnd, " {}", "}", ",", "\u0000", " // c", "\n\n\n"); // trailing garbage
        case 10 -> out.replace("\"", pick(rnd, "'", "\\\"", "")); // break quoting
        case 11 -> out.isEmpty() ? out : out + out.substring(rnd.nextInt(out.length())); // duplicate a tail
        case 12 -> pick(rnd, "", " ", "null", "0", "\"str\"", "[]", "<xml/>", "{\"a\":" + "{\"a\":".repeat(200)); // replace
        default -> out.replaceFirst("(\"[a-zA-Z]+\":[^,}]+)", "$1,$1"); // duplicate key
      };
    }
    return out;
  }

  private static byte[] bytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom rnd, T... options) {
    return options[rnd.nextInt(options.length)];
  }

  private static String pickSource(SplittableRandom rnd) {
    return SOURCES[rnd.nextInt(SOURCES.length)];
  }

  private static String excerpt(byte[] body) {
    if (body == null) {
      return "";
    }
    return new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
  }

  // ---- bookkeeping ----

  /** What the run sent and what came back; lists of problems keep the first few inputs for replay. */
  static final class Stats {
    final LongAdder sent = new LongAdder();
    final LongAdder notSent = new LongAdder();
    final LongAdder clientFailures = new LongAdder();
    final LongAdder closedWithoutAnswer = new LongAdder();
    final LongAdder wsOpened = new LongAdder();
    final LongAdder wsReplies = new LongAdder();
    final LongAdder wsSendsOnClosed = new LongAdder();
    final Map<String, LongAdder> perEndpoint = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();
    final List<String> fiveXx = Collections.synchronizedList(new ArrayList<>());
    final List<String> badShape = Collections.synchronizedList(new ArrayList<>());
    final List<String> wsServerErrors = Collections.synchronizedList(new ArrayList<>());
    final List<String> failureExamples = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong shapeChecked = new AtomicLong();

    void count(String label) {
      perEndpoint.computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    void answered(int status, String label, String input, String body, String contentType) {
      statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
      if (status >= 500) {
        keep(fiveXx, status + " " + label + " <- " + input);
      } else if (status >= 400 && body != null) {
        shapeChecked.incrementAndGet();
        boolean json = contentType != null && contentType.startsWith("application/json");
        if (!json || !body.startsWith("{\"error\":\"") || !body.contains("\"message\":") || body.contains("Exception")
            || body.contains("\tat ")) {
          keep(badShape, status + " " + label + " <- " + input + " -> " + contentType + " " + body);
        }
      }
    }

    void keepBadShape(String entry) {
      keep(badShape, entry);
    }

    void failedWithoutAnswer(String label, String input, Throwable failure) {
      clientFailures.increment();
      keep(failureExamples, label + " <- " + input + " : " + failure);
    }

    private static void keep(List<String> list, String entry) {
      if (list.size() < 20) {
        list.add(entry.length() > 400 ? entry.substring(0, 400) + "..." : entry);
      }
    }

    String summary(Duration took) {
      return "fuzz run: seed=" + SEED + " inputs=" + sent.sum() + " (target " + COUNT + ") in " + took.toSeconds() + " s"
          + "\n  per endpoint: " + new TreeMap<>(sums(perEndpoint))
          + "\n  HTTP statuses: " + new TreeMap<>(sums(statuses)) + " (5xx: " + fiveXx.size() + ", JSON error shape checked on "
          + shapeChecked.get() + ")"
          + "\n  closed by the relay without an answer: " + closedWithoutAnswer.sum()
          + "; no answer at all: " + clientFailures.sum() + " " + failureExamples
          + "; not sendable by the client (not counted): " + notSent.sum()
          + "\n  WebSockets opened " + wsOpened.sum() + ", relay replies " + wsReplies.sum() + ", sends on a socket the relay"
          + " had closed " + wsSendsOnClosed.sum() + ", close codes " + new TreeMap<>(sums(closeCodes));
    }

    private static <K> Map<K, Long> sums(Map<K, LongAdder> m) {
      Map<K, Long> out = new java.util.HashMap<>();
      m.forEach((k, v) -> out.put(k, v.sum()));
      return out;
    }
  }
}
