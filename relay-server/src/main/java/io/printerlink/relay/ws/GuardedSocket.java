package io.printerlink.relay.ws;

import io.printerlink.relay.limits.DefenceMetrics;
import io.printerlink.relay.limits.RateLimiter;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a relay socket endpoint (T15): text messages beyond the connection's rate close it with
 * 1008 (policy violation) before they reach the endpoint; binary frames, which no relay socket
 * accepts, close it with 1003; its slot in the per-key count is given back exactly once when it
 * ends. Public because Jetty requires endpoint classes to be.
 */
public final class GuardedSocket implements Session.Listener.AutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedSocket.class);

  private final Session.Listener delegate;
  private final Runnable release;
  private final RateLimiter messages;
  private final DefenceMetrics metrics;
  private final AtomicBoolean released = new AtomicBoolean();
  private final AtomicBoolean refusing = new AtomicBoolean();
  private volatile Session session;

  GuardedSocket(Session.Listener delegate, Runnable release, RateLimiter messages, DefenceMetrics metrics) {
    this.delegate = delegate;
    this.release = release;
    this.messages = messages;
    this.metrics = metrics;
  }

  @Override
  public void onWebSocketOpen(Session s) {
    session = s;
    delegate.onWebSocketOpen(s);
  }

  @Override
  public void onWebSocketText(String message) {
    if (refusing.get()) {
      return;
    }
    if (!messages.tryAcquire().allowed()) {
      closeForPolicy(StatusCode.POLICY_VIOLATION, "message rate exceeded");
      return;
    }
    delegate.onWebSocketText(message);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    closeForPolicy(StatusCode.BAD_DATA, "binary messages are not accepted");
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    releaseOnce();
    delegate.onWebSocketClose(statusCode, reason, callback);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    releaseOnce();
    delegate.onWebSocketError(cause);
  }

  private void closeForPolicy(int status, String reason) {
    if (refusing.compareAndSet(false, true)) {
      metrics.recordSocketClosedForPolicy();
      LOG.info("closing a WebSocket ({}): {}", delegate.getClass().getSimpleName(), reason);
      Session s = session;
      if (s != null) {
        s.close(status, reason, Callback.NOOP);
      }
    }
  }

  private void releaseOnce() {
    if (released.compareAndSet(false, true)) {
      release.run();
    }
  }
}
