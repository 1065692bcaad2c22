package io.printerlink.relay.ws;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.limits.DefenceMetrics;
import io.printerlink.relay.limits.Rate;
import io.printerlink.relay.limits.RateLimiter;
import io.printerlink.relay.net.ClientAddressResolver;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every WebSocket upgrade passes before it happens, the same for all three sockets
 * (T15): the client's network key is resolved by the one {@link ClientAddressResolver} (a
 * malformed proxy chain: 400), and a key that already holds {@code maxPerKey} open sockets is
 * refused with 429 {@code RATE_LIMITED} and {@code Retry-After}. An accepted socket is wrapped in a
 * {@link GuardedSocket} that caps its message rate and gives the slot back when it closes.
 */
public final class UpgradeGate {
  /** What a refused upgrade is told to wait: sockets free up as others close. */
  public static final Duration CONNECTION_CAP_RETRY_AFTER = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeGate.class);

  /** Makes the endpoint once the gate has passed; may refuse itself (write a reply, return null). */
  @FunctionalInterface
  public interface Creator {
    Object create(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback, String networkKey)
        throws Exception;
  }

  private final ClientAddressResolver addresses;
  private final int maxPerKey;
  private final Rate messageRate;
  private final LongSupplier nanoTime;
  private final DefenceMetrics metrics;
  private final Map<String, Integer> open = new HashMap<>();

  public UpgradeGate(ClientAddressResolver addresses, int maxPerKey, Rate messageRate, LongSupplier nanoTime,
      DefenceMetrics metrics) {
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    if (maxPerKey < 1) {
      throw new IllegalArgumentException("maxPerKey must be at least 1");
    }
    this.maxPerKey = maxPerKey;
    this.messageRate = Objects.requireNonNull(messageRate, "messageRate");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /** {@code creator} behind the gate, as Jetty's creator. */
  public WebSocketCreator guard(Creator creator) {
    return (request, response, callback) -> {
      String key;
      try {
        key = addresses.networkKey(request);
      } catch (ApiException e) {
        ApiHandler.writeError(response, e.status(), new ErrorResponse(e.code(), e.getMessage()), callback);
        return null;
      }
      if (!reserve(key)) {
        metrics.recordUpgradeRefused();
        LOG.warn("refused a WebSocket upgrade from network key {}: it already holds {} open sockets", key, maxPerKey);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(CONNECTION_CAP_RETRY_AFTER.toSeconds()));
        ApiHandler.writeError(response, 429, new ErrorResponse(ErrorCodes.RATE_LIMITED,
            "too many open connections from your network; try again later"), callback);
        return null;
      }
      Object endpoint = null;
      try {
        endpoint = creator.create(request, response, callback, key);
      } finally {
        if (endpoint == null) {
          release(key);
        }
      }
      return new GuardedSocket((Session.Listener) endpoint, () -> release(key),
          new RateLimiter(messageRate, nanoTime), metrics);
    };
  }

  /** Open sockets counted against {@code networkKey} (for tests and metrics). */
  public synchronized int openSockets(String networkKey) {
    return open.getOrDefault(networkKey, 0);
  }

  private synchronized boolean reserve(String key) {
    int n = open.getOrDefault(key, 0);
    if (n >= maxPerKey) {
      return false;
    }
    open.put(key, n + 1);
    return true;
  }

  private synchronized void release(String key) {
    int n = open.getOrDefault(key, 0) - 1;
    if (n <= 0) {
      open.remove(key);
    } else {
      open.put(key, n);
    }
  }
}
