package io.printerlink.desktop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.ws.Messages;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventsClient#connect} returns only once the relay has subscribed the socket (its first
 * message), so a request sent right after it cannot have its pushes go to nobody. A real Jetty
 * WebSocket server stands in for the relay's events endpoint so the first message can be delayed
 * or withheld.
 */
class EventsClientTest {
  private static final String FIRST = Json.writeMessage(Messages.DISCOVERY,
      new DiscoveryResponse(DiscoveryResponse.OK, List.of(), "127.0.0.1"));

  private final ScheduledExecutorService timers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
  private Server server;
  private HttpClient http;
  private WebSocketClient ws;
  /** How long the stand-in relay waits after the upgrade before its first message; null: never. */
  private volatile Duration firstMessageAfter;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container ->
        container.addMapping("/client/v1/events", (req, resp, cb) -> new SlowRelaySocket())));
    server.start();
    http = new HttpClient();
    http.start();
    ws = new WebSocketClient(http);
    ws.start();
  }

  @AfterEach
  void stop() throws Exception {
    timers.shutdownNow();
    try {
      ws.stop();
      http.stop();
    } finally {
      server.stop();
    }
  }

  @Test
  void connectReturnsOnlyAfterTheRelaysFirstMessageHasBeenDelivered() throws Exception {
    firstMessageAfter = Duration.ofMillis(400);
    BlockingQueue<DiscoveryResponse> seen = new LinkedBlockingQueue<>();
    EventsConnection c = client(Duration.ofSeconds(5)).connect(session(), new EventsListener() {
      @Override
      public void onDiscovery(DiscoveryResponse discovery) {
        seen.add(discovery);
      }
    });
    try {
      // Already there, without waiting: connect() itself waited for it.
      assertEquals(1, seen.size(), "the first message must have been delivered before connect returned");
      assertTrue(c.isOpen());
    } finally {
      c.close();
    }
  }

  @Test
  void aSocketTheRelayNeverSubscribesIsATimeoutSoTheCallerPollsInstead() {
    firstMessageAfter = null;
    RelayException e = assertThrows(RelayException.class,
        () -> client(Duration.ofMillis(500)).connect(session(), new EventsListener() {}));
    assertEquals(RelayException.TIMEOUT, e.code());
  }

  private EventsClient client(Duration connectTimeout) {
    URI uri = URI.create("ws://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
        + "/client/v1/events");
    return new EventsClient(ws, uri, connectTimeout);
  }

  private static io.printerlink.desktop.core.Session session() {
    return new io.printerlink.desktop.core.Session("acc-1", "user", "User", Secret.fromText("not-a-real-token"));
  }

  /** The stand-in relay endpoint: sends its first message late, or never. Public for Jetty. */
  public class SlowRelaySocket extends Session.Listener.AbstractAutoDemanding {
    @Override
    public void onWebSocketOpen(Session session) {
      super.onWebSocketOpen(session);
      Duration after = firstMessageAfter;
      if (after != null) {
        timers.schedule(() -> session.sendText(FIRST, Callback.NOOP), after.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }
}
