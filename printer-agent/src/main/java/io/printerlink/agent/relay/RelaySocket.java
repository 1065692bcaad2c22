package io.printerlink.agent.relay;

import io.printerlink.protocol.NetworkFailures;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket to the relay that reconnects with capped backoff. Every event is handed to the
 * agent thread (a single-threaded scheduler), so subclasses change state from that thread only and
 * need no locks. Events of an old connection attempt (an older generation) are ignored.
 */
abstract class RelaySocket implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelaySocket.class);

  protected final ScheduledExecutorService agentThread;
  private final WebSocketClient client;
  private final URI uri;
  private final Backoff backoff;

  private long generation;
  private Session session;
  private ScheduledFuture<?> reconnectTask;
  private boolean closed;
  private long notBeforeMillisFromNow;
  private String lastLoss;
  /** Retry-After of the last refused upgrade (seconds), or -1; written by Jetty's thread. */
  private volatile long lastRetryAfterSeconds = -1;

  /** Used when a relay says RATE_LIMITED (429 or the WS error) without saying how long to wait. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
  /** Longest rate-limit pause honoured (a relay asking for more is capped). */
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

  RelaySocket(WebSocketClient client, URI uri, ScheduledExecutorService agentThread, Backoff backoff) {
    this.client = Objects.requireNonNull(client, "client");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.agentThread = Objects.requireNonNull(agentThread, "agentThread");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /** Starts connecting (agent thread). */
  public final void start() {
    connect();
  }

  /** Stops for good: no reconnect; closes the socket (agent thread). */
  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    generation++;
    cancelReconnect();
    onStopping();
    Session s = session;
    session = null;
    if (s != null && s.isOpen()) {
      s.close(StatusCode.NORMAL, "bye", Callback.NOOP);
    }
  }

  final boolean isClosed() {
    return closed;
  }

  final boolean isConnected() {
    return session != null && session.isOpen();
  }

  final URI uri() {
    return uri;
  }

  /** Sends one text frame on the current connection; false when there is none. */
  final boolean send(String text) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      return false;
    }
    s.sendText(text, Callback.NOOP);
    return true;
  }

  /** Sends one text frame, then closes this socket for good. */
  final void sendAndClose(String text) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      close();
      return;
    }
    closed = true;
    generation++;
    cancelReconnect();
    onStopping();
    session = null;
    s.sendText(text, Callback.from(() -> s.close(StatusCode.NORMAL, "done", Callback.NOOP), x -> s.disconnect()));
  }

  final void sendPing() {
    Session s = session;
    if (s != null && s.isOpen()) {
      s.sendPing(java.nio.ByteBuffer.allocate(0), Callback.NOOP);
    }
  }

  /** Do not reconnect before this delay from now (the relay said RATE_LIMITED). */
  final void holdOff(Duration delay) {
    notBeforeMillisFromNow = Math.max(notBeforeMillisFromNow, delay.toMillis());
  }

  /** Adds request headers (agent thread). */
  void prepare(ClientUpgradeRequest request) {}

  /** The connection is open (agent thread). */
  abstract void onOpened();

  /** One text message (agent thread). */
  abstract void onText(String text);

  /** The connection ended or could not be made; {@code upgradeStatus} is the HTTP status of a refused upgrade. */
  abstract void onLost(OptionalInt upgradeStatus, String description);

  /** Whether to try again after a loss (agent thread). */
  abstract boolean shouldReconnect();

  /** Called once when the socket stops for good (close or sendAndClose). */
  void onStopping() {}

  private void connect() {
    if (closed) {
      return;
    }
    long gen = ++generation;
    ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
    prepare(request);
    Endpoint endpoint = new Endpoint(this, gen);
    lastRetryAfterSeconds = -1;
    JettyUpgradeListener upgradeListener = new JettyUpgradeListener() {
      @Override
      public void onHandshakeResponse(org.eclipse.jetty.client.Request req, org.eclipse.jetty.client.Response resp) {
        lastRetryAfterSeconds = retryAfterSeconds(resp.getHeaders().get("Retry-After"));
      }
    };
    try {
      client.connect(endpoint, request, upgradeListener)
          .whenComplete((s, failure) -> {
            if (failure != null) {
              post(() -> lost(gen, failure));
            }
          });
    } catch (IOException | RuntimeException e) {
      post(() -> lost(gen, e));
    }
  }

  private void post(Runnable event) {
    try {
      agentThread.execute(event);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the agent is stopping: the event no longer matters
    }
  }

  private void opened(long gen, Session s) {
    if (gen != generation || closed) {
      s.close(StatusCode.NORMAL, "stale", Callback.NOOP);
      return;
    }
    session = s;
    lastLoss = null;
    backoff.reset();
    onOpened();
  }

  private void text(long gen, String text) {
    if (gen == generation && !closed) {
      onText(text);
    }
  }

  private void lost(long gen, Throwable failure) {
    if (gen != generation || closed) {
      return;
    }
    generation++;
    session = null;
    OptionalInt status = upgradeStatus(failure);
    String description = describe(failure, status);
    if (status.isPresent() && status.getAsInt() == 429) {
      long secs = lastRetryAfterSeconds < 0 ? DEFAULT_RETRY_AFTER.toSeconds() : lastRetryAfterSeconds;
      Duration wait = Duration.ofSeconds(Math.max(1, Math.min(secs, MAX_RETRY_AFTER.toSeconds())));
      holdOff(wait);
      description = "relay answered 429 (too many requests); retrying in " + wait.toSeconds() + " s";
    }
    boolean unauthorized = status.isPresent() && status.getAsInt() == 401;
    if (!description.equals(lastLoss) && !unauthorized) {
      // Once per distinct cause: a wrong CA or a down relay is worth one WARN, not one per retry.
      // A 401 is the subclass's to judge (a fresh token's race, or a revoked one: audited there).
      LOG.warn("relay connection {}: {}", uri.getPath(), description);
      lastLoss = description;
    } else {
      LOG.debug("relay socket {} lost: {}", uri.getPath(), description);
    }
    onLost(status, description);
    scheduleReconnect();
  }

  private void closedByPeer(long gen, int code, String reason) {
    if (gen != generation || closed) {
      return;
    }
    generation++;
    session = null;
    onLost(OptionalInt.empty(), "relay closed the connection (" + code + ")");
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closed || !shouldReconnect()) {
      return;
    }
    cancelReconnect();
    long delay = Math.max(backoff.next().toMillis(), notBeforeMillisFromNow);
    notBeforeMillisFromNow = 0;
    reconnectTask = agentThread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void cancelReconnect() {
    if (reconnectTask != null) {
      reconnectTask.cancel(false);
      reconnectTask = null;
    }
  }

  /** Retry-After in seconds (the delay form; an HTTP date is not trusted, the agent's clock may be off), or -1. */
  static long retryAfterSeconds(String header) {
    if (header == null || header.isBlank() || header.strip().length() > 9) {
      return -1;
    }
    try {
      long v = Long.parseLong(header.strip());
      return v < 0 ? -1 : v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static OptionalInt upgradeStatus(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8; depth++) {
      if (t instanceof UpgradeException && ((UpgradeException) t).getResponseStatusCode() > 0) {
        return OptionalInt.of(((UpgradeException) t).getResponseStatusCode());
      }
      t = t.getCause();
    }
    return OptionalInt.empty();
  }

  private static String describe(Throwable failure, OptionalInt status) {
    if (status.isPresent()) {
      return "relay answered " + status.getAsInt();
    }
    return "relay unreachable (" + NetworkFailures.describe(failure) + ")";
  }

  /** The Jetty endpoint of one connection attempt; public because Jetty requires it. */
  public static final class Endpoint extends Session.Listener.AbstractAutoDemanding {
    private final RelaySocket owner;
    private final long gen;

    Endpoint(RelaySocket owner, long gen) {
      this.owner = owner;
      this.gen = gen;
    }

    private void post(Runnable event) {
      try {
        owner.agentThread.execute(event);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // the agent is stopping: the event no longer matters
      }
    }

    @Override
    public void onWebSocketOpen(Session session) {
      super.onWebSocketOpen(session);
      post(() -> owner.opened(gen, session));
    }

    @Override
    public void onWebSocketText(String message) {
      post(() -> owner.text(gen, message));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      post(() -> owner.closedByPeer(gen, statusCode, reason));
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      post(() -> owner.lost(gen, cause));
    }
  }
}
