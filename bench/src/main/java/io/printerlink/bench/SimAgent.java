package io.printerlink.bench;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A simulated unlinked printer agent: one {@code /agent/v1/discovery} WebSocket from its own
 * source address, speaking the real {@code announce} protocol (the records of {@code protocol},
 * strict parsing of the relay's answers). It holds no window, secret or exchange endpoint: the
 * relay sees exactly what a real agent sends, at a fraction of a real agent's cost.
 * Public: Jetty requires endpoint classes to be public.
 */
public final class SimAgent extends Session.Listener.AbstractAutoDemanding {
  /** What the swarm wants to hear about. Called on network threads; must not block. */
  interface Events {
    void announced(SimAgent agent, long atNanos);

    void error(SimAgent agent, String code);

    void lost(SimAgent agent, int status, String reason);
  }

  static final String PATH = "/agent/v1/discovery";

  private final String source;
  private final String instanceId = UUID.randomUUID().toString();
  private final String privateIp;
  private final long windowEndsNanos;
  private final LongSupplier nanoTime;
  private final Events events;
  private volatile boolean closing;
  private volatile long firstAnnounceNanos;

  SimAgent(String source, LongSupplier nanoTime, Events events) {
    this.source = source;
    this.nanoTime = nanoTime;
    this.events = events;
    ThreadLocalRandom r = ThreadLocalRandom.current();
    this.privateIp = "192.168." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    this.windowEndsNanos = nanoTime.getAsLong() + 600_000_000_000L;
  }

  /** Opens the socket from this agent's source address. */
  CompletableFuture<Session> connect(WebSocketClient client, URI relayWs) throws IOException {
    URI uri = relayWs.resolve(PATH);
    BoundTransport transport = new BoundTransport(source);
    JettyUpgradeListener bind = new JettyUpgradeListener() {
      @Override
      public void onHandshakeRequest(org.eclipse.jetty.client.Request request) {
        request.transport(transport);
      }
    };
    return client.connect(this, uri, new ClientUpgradeRequest(uri), bind);
  }

  String source() {
    return source;
  }

  String instanceId() {
    return instanceId;
  }

  /** When the first announce was handed to the socket, or 0 before. */
  long firstAnnounceNanos() {
    return firstAnnounceNanos;
  }

  /** Sends one {@code announce} (the first one, or a heartbeat). */
  void announce() {
    Session s = getSession();
    if (s == null || !s.isOpen()) {
      return;
    }
    long now = nanoTime.getAsLong();
    long left = Math.max(0, Math.min(600, (windowEndsNanos - now) / 1_000_000_000L));
    String json = Messages.AGENT_TO_RELAY.encode(Messages.ANNOUNCE,
        new Announce(1, instanceId, privateIp, 8787, "sim-" + source, "sim agent", "bench", "sim", left, null));
    if (firstAnnounceNanos == 0) {
      firstAnnounceNanos = nanoTime.getAsLong();
    }
    s.sendText(json, Callback.NOOP);
  }

  @Override
  public void onWebSocketText(String text) {
    long at = nanoTime.getAsLong();
    Message m;
    try {
      m = Json.parseMessage(text, Messages.RELAY_TO_AGENT);
    } catch (JsonInputException e) {
      events.error(this, "UNREADABLE");
      return;
    }
    if (Messages.ANNOUNCED.equals(m.type())) {
      events.announced(this, at);
    } else if (Messages.ERROR.equals(m.type())) {
      events.error(this, m.as(WsError.class).error());
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    callback.succeed();
    if (!closing) {
      events.lost(this, statusCode, reason);
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    if (!closing) {
      events.lost(this, -1, String.valueOf(cause));
    }
  }

  /** Closes the socket on purpose (not counted as lost). */
  void close() {
    closing = true;
    Session s = getSession();
    if (s != null && s.isOpen()) {
      s.close(StatusCode.NORMAL, "bye", Callback.NOOP);
    }
  }
}
