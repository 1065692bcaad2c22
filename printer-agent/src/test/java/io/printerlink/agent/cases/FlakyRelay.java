package io.printerlink.agent.cases;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.ws.Announced;
import io.printerlink.protocol.ws.Messages;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A relay stand-in on 127.0.0.1:0 for the relay-answer cases: its discovery upgrade answers with a
 * scripted HTTP status (and Retry-After) for the first {@code refusals} attempts, then accepts and
 * answers every announce with {@code announced} (seen from 203.0.113.7). Records when each upgrade
 * attempt arrived (monotonic nanos).
 */
final class FlakyRelay implements AutoCloseable {
  static final String SEEN_FROM = "203.0.113.7";

  final List<Long> attempts = new CopyOnWriteArrayList<>();
  final AtomicInteger announces = new AtomicInteger();
  private final Server server;

  FlakyRelay(int refusals, int status, String retryAfter) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    AtomicInteger left = new AtomicInteger(refusals);
    WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
      container.setIdleTimeout(Duration.ofSeconds(30));
      container.addMapping("/agent/v1/discovery", (req, resp, cb) -> {
        attempts.add(System.nanoTime());
        if (left.getAndDecrement() > 0) {
          resp.setStatus(status);
          if (retryAfter != null) {
            resp.getHeaders().put("Retry-After", retryAfter);
          }
          cb.succeeded();
          return null;
        }
        return new Accepting(announces);
      });
    });
    ws.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
          Callback callback) {
        response.setStatus(404);
        callback.succeeded();
        return true;
      }
    });
    server.setHandler(ws);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Accepts announces. Public because Jetty requires it. */
  public static final class Accepting extends Session.Listener.AbstractAutoDemanding {
    private final AtomicInteger announces;

    Accepting(AtomicInteger announces) {
      this.announces = announces;
    }

    @Override
    public void onWebSocketText(String message) {
      announces.incrementAndGet();
      getSession().sendText(Messages.RELAY_TO_AGENT.encode(Messages.ANNOUNCED,
          new Announced(Secret.fromText("presence-token-presence-token-presence-tok"), SEEN_FROM, 5)),
          org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    @Override
    public void onWebSocketError(Throwable cause) {}
  }
}
