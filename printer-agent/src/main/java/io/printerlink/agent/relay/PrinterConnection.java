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

  public PrinterConnection(
      WebSocketClient client,
      URI uri,
      ScheduledExecutorService agentThread,
      Backoff backoff,
      Duration heartbeat,
      Secret token,
      Listener listener) {
    super(client, uri, agentThread, backoff);
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    this.token = Objects.requireNonNull(token, "token");
    this.listener = Objects.requireNonNull(listener, "listener");
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
      listener.onHello(message.as(PrinterHello.class));
    } else if (Messages.ERROR.equals(message.type())) {
      WsError error = message.as(WsError.class);
      LOG.warn("relay error on the printer socket: {} {}", error.error(), error.message());
    }
  }

  @Override
  void onLost(OptionalInt upgradeStatus, String description) {
    stopPing();
    if (upgradeStatus.isPresent() && upgradeStatus.getAsInt() == 401) {
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
