package io.printerlink.agent.relay;

import io.printerlink.agent.audit.AuditLog;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterHello;
import io.printerlink.protocol.ws.WsError;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linked agent's WebSocket, {@code /agent/v1/printer} with the bearer printer token
 * (PROTOCOL.md step 9). Reconnects with backoff; an upgrade refused with HTTP 401 means the token
 * was revoked or is unknown: the agent wipes it and returns to unlinked. Pings every heartbeat so
 * idle timeouts do not drop a quiet, healthy connection. Runs on the agent thread.
 */
public final class PrinterConnection extends RelaySocket {
  public static final String PATH = "/agent/v1/printer";

  private static final Logger LOG = LoggerFactory.getLogger(PrinterConnection.class);

  /** What this connection tells the agent, on the agent thread. */
  public interface Listener {
    void onHello(PrinterHello hello);

    void onDisconnected(String description);

    /** The relay refused the token (401): wipe it and go back to unlinked. */
    void onRevoked();
  }

  private final Duration heartbeat;
  private final Secret token;
  private final Listener listener;
  private ScheduledFuture<?> pingTask;
  private boolean revoked;
  private final LongSupplier nanoTime;
  private long graceUntilNanos;
  private boolean inGrace;

  public PrinterConnection(
      WebSocketClient client,
      URI uri,
      ScheduledExecutorService agentThread,
      Backoff backoff,
      Duration heartbeat,
      Secret token,
      Listener listener) {
    this(client, uri, agentThread, backoff, heartbeat, token, listener, System::nanoTime, Duration.ZERO);
  }

  /**
   * @param freshTokenGrace for a token stored just now: how long a 401 still means "the relay has
   *     not activated it yet" (it activates the printer when it processes the agent's
   *     {@code token-stored}, which may come after the agent's first printer connect) rather than
   *     "revoked"; zero for a token loaded from the state folder
   */
  public PrinterConnection(
      WebSocketClient client,
      URI uri,
      ScheduledExecutorService agentThread,
      Backoff backoff,
      Duration heartbeat,
      Secret token,
      Listener listener,
      LongSupplier nanoTime,
      Duration freshTokenGrace) {
    super(client, uri, agentThread, backoff);
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    this.token = Objects.requireNonNull(token, "token");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.inGrace = !freshTokenGrace.isZero() && !freshTokenGrace.isNegative();
    this.graceUntilNanos = nanoTime.getAsLong() + freshTokenGrace.toNanos();
  }

  @Override
  void prepare(ClientUpgradeRequest request) {
    request.setHeader("Authorization", "Bearer " + token.text(SecretAccess.REVEAL));
  }

  @Override
  void onOpened() {
    stopPing();
    long ms = heartbeat.toMillis();
    pingTask = agentThread.scheduleAtFixedRate(this::sendPing, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  void onText(String text) {
    Message message;
    try {
      message = Json.parseMessage(text, Messages.RELAY_TO_PRINTER);
    } catch (JsonInputException e) {
      LOG.warn("relay sent a message the agent does not accept: {}", e.getMessage());
      return;
    }
    if (Messages.HELLO.equals(message.type())) {
      inGrace = false;
      listener.onHello(message.as(PrinterHello.class));
    } else if (Messages.ERROR.equals(message.type())) {
      WsError error = message.as(WsError.class);
      LOG.warn("relay error on the printer socket: {} {}", error.error(), error.message());
    }
  }

  @Override
  void onLost(OptionalInt upgradeStatus, String description) {
    stopPing();
    boolean unauthorized = upgradeStatus.isPresent() && upgradeStatus.getAsInt() == 401;
    if (unauthorized && inGrace && nanoTime.getAsLong() - graceUntilNanos < 0) {
      LOG.info("relay does not accept the new printer token yet (401 right after linking); retrying");
      listener.onDisconnected("waiting for the relay to activate the new link");
    } else if (unauthorized) {
      revoked = true;
      AuditLog.event("relay refused the printer token (401): token revoked or unknown");
      listener.onRevoked();
    } else {
      listener.onDisconnected(description);
    }
  }

  @Override
  boolean shouldReconnect() {
    return !revoked;
  }

  @Override
  void onStopping() {
    stopPing();
  }

  private void stopPing() {
    if (pingTask != null) {
      pingTask.cancel(false);
      pingTask = null;
    }
  }

  @Override
  public String toString() {
    return "PrinterConnection[" + uri() + "]";
  }
}
