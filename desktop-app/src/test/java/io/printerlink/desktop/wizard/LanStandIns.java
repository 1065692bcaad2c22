package io.printerlink.desktop.wizard;

import com.sun.net.httpserver.HttpServer;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.ExchangeResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Network stand-ins for the link failures a real agent and relay cannot be asked to produce on loopback. */
final class LanStandIns {
  private LanStandIns() {}

  /**
   * An impostor on the LAN: answers the exchange at its own port with a well-formed local secret
   * that is not the printer's. A printer announcing this port then gets a proof it must reject.
   */
  static final class WrongSecretExchange implements AutoCloseable {
    private final HttpServer server;

    WrongSecretExchange() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/discovery/v1/exchange", ex -> {
        ex.getRequestBody().readAllBytes();
        byte[] body = Json.write(new ExchangeResponse(Secret.fromText("A".repeat(32)))).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /**
   * A TCP forwarder between a printer agent and its relay whose agent-to-relay direction can be
   * held: the agent still hears the relay, but its answers (and heartbeats) stop arriving, as on
   * a printer whose uplink stalls.
   */
  static final class StallableUplink implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final ExecutorService pumps = Executors.newCachedThreadPool();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held = new CountDownLatch(0);

    StallableUplink(int targetPort) throws IOException {
      target = targetPort;
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      pumps.execute(this::accept);
    }

    int port() {
      return listener.getLocalPort();
    }

    /** From now on, bytes from the agent are held back (until {@link #close}). */
    void holdAgentToRelay() {
      held = new CountDownLatch(1);
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket agent = listener.accept();
          Socket relay = new Socket(InetAddress.getLoopbackAddress(), target);
          sockets.add(agent);
          sockets.add(relay);
          pumps.execute(() -> pump(agent, relay, true));
          pumps.execute(() -> pump(relay, agent, false));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void pump(Socket from, Socket to, boolean fromAgent) {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (fromAgent) {
            held.await();
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // a side closed: the other side's pump ends too
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    @Override
    public void close() throws Exception {
      listener.close();
      sockets.forEach(StallableUplink::closeQuietly);
      held.countDown();
      pumps.shutdownNow();
      pumps.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static void closeQuietly(Socket s) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
