package io.printerlink.bench;

import io.printerlink.desktop.core.EventsClient;
import io.printerlink.desktop.core.RelayClient;
import io.printerlink.desktop.core.Session;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Secret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A signed-in desktop client (the desktop's own {@link RelayClient} and {@link EventsClient})
 * whose connections all leave from one chosen loopback address, so it sits on that address's
 * network key.
 */
final class BoundClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final WebSocketClient ws;
  private final RelayClient relay;
  private final EventsClient events;
  private final Session session;

  private BoundClient(HttpClient http, WebSocketClient ws, RelayClient relay, EventsClient events, Session session) {
    this.http = http;
    this.ws = ws;
    this.relay = relay;
    this.events = events;
    this.session = session;
  }

  /** Starts the clients from {@code source} and creates a fresh account on the relay. */
  static BoundClient start(URI relayHttp, String source) throws Exception {
    HttpClient http = new HttpClient();
    WebSocketClient ws = null;
    try {
      QueuedThreadPool pool = new QueuedThreadPool(8, 1);
      pool.setName("bench-client-" + source);
      pool.setDaemon(true);
      http.setExecutor(pool);
      http.setBindAddress(new InetSocketAddress(source, 0));
      http.setFollowRedirects(false);
      http.setMaxConnectionsPerDestination(4);
      http.start();
      ws = new WebSocketClient(http);
      ws.setIdleTimeout(Duration.ofMinutes(10));
      ws.setMaxTextMessageSize(Limits.MAX_BODY_BYTES);
      ws.start();
      RelayClient relay = new RelayClient(http, relayHttp, TIMEOUT);
      EventsClient events = new EventsClient(ws, relay.eventsUri(), TIMEOUT);
      String user = "bench-" + UUID.randomUUID().toString().substring(0, 13);
      Session session = relay.createAccount(user, Secret.fromText(UUID.randomUUID().toString()), null);
      return new BoundClient(http, ws, relay, events, session);
    } catch (Exception e) {
      stop(ws);
      stop(http);
      throw e;
    }
  }

  RelayClient relay() {
    return relay;
  }

  EventsClient events() {
    return events;
  }

  Session session() {
    return session;
  }

  @Override
  public void close() {
    stop(ws);
    stop(http);
  }

  private static void stop(org.eclipse.jetty.util.component.LifeCycle c) {
    if (c != null) {
      try {
        c.stop();
      } catch (Exception e) {
        // on the way out
      }
    }
  }
}
