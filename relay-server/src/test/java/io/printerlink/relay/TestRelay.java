package io.printerlink.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.MessageSet;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.Messages;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real relay on port 0 with real clients: an HTTP client on 127.0.0.1, one bound to 127.0.0.2
 * (another network key), and a WebSocket client for scripted agents and event sockets.
 */
final class TestRelay implements AutoCloseable {
  static final String PASSWORD = "correct horse battery";
  static final long WAIT_SECONDS = 5;

  final Path dataDir;
  final RelayServer relay;
  final HttpClient http;
  final HttpClient otherNetwork;
  final WebSocketClient ws;
  final WebSocketClient otherNetworkWs;
  private int names;

  private TestRelay(Path dataDir, RelayServer relay) throws Exception {
    this.dataDir = dataDir;
    this.relay = relay;
    this.http = new HttpClient();
    this.otherNetwork = new HttpClient();
    otherNetwork.setBindAddress(new InetSocketAddress("127.0.0.2", 0));
    this.ws = new WebSocketClient();
    http.start();
    otherNetwork.start();
    ws.start();
    this.otherNetworkWs = new WebSocketClient(otherNetwork);
    otherNetworkWs.start();
  }

  static TestRelay start(Path dataDir) throws Exception {
    return start(dataDir, b -> { });
  }

  static TestRelay start(Path dataDir, Consumer<RelayConfig.Builder> tweak) throws Exception {
    RelayConfig.Builder b = RelayConfig.builder().port(0).dataDir(dataDir).allowLoopbackAgents(true)
        .passwordIterations(1000).shutdownGrace(java.time.Duration.ofMillis(200))
        // Tests sign many users up from loopback; the ones about this limit set it back.
        .accountsPerKey(io.printerlink.relay.limits.Rate.of(1_000_000, java.time.Duration.ofHours(1)));
    tweak.accept(b);
    return new TestRelay(dataDir, RelayServer.start(b.build()));
  }

  @Override
  public void close() throws Exception {
    try {
      ws.stop();
      otherNetworkWs.stop();
      http.stop();
      otherNetwork.stop();
    } finally {
      relay.close();
    }
  }

  // ---- HTTP ----

  record Resp(int status, String body, String contentType, String retryAfter) {
    <T extends Record> T as(Class<T> type) {
      try {
        return Json.parse(body, type);
      } catch (JsonInputException e) {
        throw new AssertionError("not a " + type.getSimpleName() + ": " + e.getMessage() + " in " + body);
      }
    }

    String error() {
      assertThat(contentType).startsWith("application/json");
      return as(ErrorResponse.class).error();
    }
  }

  Resp call(String method, String path, String token, Object body) throws Exception {
    return call(http, method, path, token, body);
  }

  Resp call(HttpClient client, String method, String path, String token, Object body) throws Exception {
    String json = body == null ? null : body instanceof String ? (String) body : Json.write(body);
    return raw(client, method, path, token, json == null ? null : "application/json", json);
  }

  Resp raw(HttpClient client, String method, String path, String token, String contentType, String body)
      throws Exception {
    Request req = client.newRequest(relay.httpUri().resolve(path)).method(method).timeout(WAIT_SECONDS, TimeUnit.SECONDS);
    if (token != null) {
      req.headers(h -> h.put("Authorization", "Bearer " + token));
    }
    if (body != null) {
      req.body(new StringRequestContent(contentType, body));
    }
    ContentResponse r = req.send();
    return new Resp(r.getStatus(), r.getContentAsString(), r.getHeaders().get("Content-Type"),
        r.getHeaders().get("Retry-After"));
  }

  SessionResponse signUp() throws Exception {
    String name = "user" + (++names);
    Resp r = call("POST", "/api/v1/accounts", null,
        new CreateAccountRequest(name, Secret.fromText(PASSWORD), "User " + names));
    assertThat(r.status()).isEqualTo(201);
    return r.as(SessionResponse.class);
  }

  static String token(SessionResponse s) {
    return s.token().text(SecretAccess.REVEAL);
  }

  // ---- WebSockets ----

  Socket connect(String path, String bearer) throws Exception {
    return connect(ws, path, bearer);
  }

  Socket connect(WebSocketClient client, String path, String bearer) throws Exception {
    Socket socket = new Socket();
    ClientUpgradeRequest req = new ClientUpgradeRequest();
    if (bearer != null) {
      req.setHeader("Authorization", "Bearer " + bearer);
    }
    URI uri = relay.wsUri().resolve(path);
    client.connect(socket, uri, req).get(WAIT_SECONDS, TimeUnit.SECONDS);
    return socket;
  }

  /** A scripted agent: connects to the discovery socket and announces {@code instanceId}. */
  Socket agent(String instanceId) throws Exception {
    return agent(ws, instanceId);
  }

  Socket agent(WebSocketClient client, String instanceId) throws Exception {
    Socket agent = connect(client, "/agent/v1/discovery", null);
    agent.send(Messages.ANNOUNCE, announce(instanceId, null));
    Message m = agent.next(Messages.RELAY_TO_AGENT);
    assertThat(m.type()).isEqualTo(Messages.ANNOUNCED);
    agent.presenceToken = m.as(Announced.class).presenceToken();
    return agent;
  }

  static Announce announce(String instanceId, Secret presenceToken) {
    return new Announce(1, instanceId, "192.168.1.50", 8765, "octopi", "printer-agent", "0.1.0", "Prusa MK4", 600,
        presenceToken);
  }

  static String newInstanceId() {
    return UUID.randomUUID().toString();
  }

  Connection db() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("relay"), "relay", "");
  }

  /** A test WebSocket endpoint that queues what it receives. */
  public static class Socket extends Session.Listener.AbstractAutoDemanding {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile Secret presenceToken;

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

    void send(String type, Record body) {
      sendText(Json.writeMessage(type, body));
    }

    void sendText(String text) {
      getSession().sendText(text, Callback.NOOP);
    }

    String nextText() throws InterruptedException {
      String t = texts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (t == null) {
        throw new AssertionError("no message within " + WAIT_SECONDS + " s");
      }
      return t;
    }

    Message next(MessageSet set) throws Exception {
      String t = nextText();
      try {
        return Json.parseMessage(t, set);
      } catch (JsonInputException e) {
        throw new AssertionError("unexpected message " + t + ": " + e.getMessage());
      }
    }

    /** The next message of {@code type}, skipping others (e.g. discovery pushes). */
    <T extends Record> T nextOf(MessageSet set, String type, Class<T> cls) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (System.nanoTime() < deadline) {
        String t = texts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (t == null) {
          break;
        }
        Message m = Json.parseMessage(t, set);
        if (m.type().equals(type)) {
          return m.as(cls);
        }
      }
      throw new AssertionError("no '" + type + "' message within " + WAIT_SECONDS + " s");
    }

    int awaitClose() throws Exception {
      return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    void close() {
      getSession().close();
    }
  }
}
