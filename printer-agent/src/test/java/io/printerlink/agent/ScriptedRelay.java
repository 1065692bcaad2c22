package io.printerlink.agent;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A relay stand-in for protocol tests: a real Jetty WebSocket server on 127.0.0.1:0 whose sockets
 * hand every received text to a queue and let the test send whatever it scripts.
 */
final class ScriptedRelay implements AutoCloseable {
  /** One accepted connection. */
  public static final class Conn extends Session.Listener.AbstractAutoDemanding {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    final String authorization;
    private final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
    private volatile Session session;

    Conn(String authorization) {
      this.authorization = authorization;
    }

    @Override
    public void onWebSocketOpen(Session s) {
      super.onWebSocketOpen(s);
      session = s;
      open.countDown();
    }

    @Override
    public void onWebSocketText(String message) {
      received.add(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
      closed.add(statusCode);
      callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      closed.add(-1);
    }

    Session session() {
      try {
        if (!open.await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("connection not open within 10 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return session;
    }

    void send(String text) {
      session().sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    String next() throws InterruptedException {
      String m = received.poll(10, TimeUnit.SECONDS);
      return Objects.requireNonNull(m, "no message from the agent within 10 s");
    }

    void awaitClosed() throws InterruptedException {
      Objects.requireNonNull(closed.poll(10, TimeUnit.SECONDS), "connection not closed within 10 s");
    }

    void drop() {
      session().disconnect();
    }
  }

  final BlockingQueue<Conn> discovery = new LinkedBlockingQueue<>();
  final BlockingQueue<Conn> printer = new LinkedBlockingQueue<>();
  /** HTTP status to refuse printer upgrades with; 0 accepts them. */
  final AtomicInteger refusePrinterWith = new AtomicInteger();
  private final Server server;

  ScriptedRelay(boolean withDiscovery) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    Handler notFound = new Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
          Callback callback) {
        response.setStatus(404);
        callback.succeeded();
        return true;
      }
    };
    WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
      container.setIdleTimeout(Duration.ofSeconds(30));
      if (withDiscovery) {
        container.addMapping("/agent/v1/discovery", (req, resp, cb) -> {
          Conn c = new Conn(null);
          discovery.add(c);
          return c;
        });
      }
      container.addMapping("/agent/v1/printer", (req, resp, cb) -> {
        int refuse = refusePrinterWith.get();
        if (refuse != 0) {
          resp.setStatus(refuse);
          cb.succeeded();
          return null;
        }
        Conn c = new Conn(req.getHeaders().get("Authorization"));
        printer.add(c);
        return c;
      });
    });
    ws.setHandler(notFound);
    server.setHandler(ws);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  Conn nextDiscovery() throws InterruptedException {
    return Objects.requireNonNull(discovery.poll(10, TimeUnit.SECONDS), "agent did not connect to discovery");
  }

  Conn nextPrinter() throws InterruptedException {
    return Objects.requireNonNull(printer.poll(10, TimeUnit.SECONDS), "agent did not connect as printer");
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
