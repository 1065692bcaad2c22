package io.printerlink.desktop.core;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterStatus;
import io.printerlink.protocol.ws.WsError;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's client events socket, {@code /client/v1/events}, authenticated with the session's
 * bearer token on the upgrade. Delivers {@code discovery}, {@code link-state} and {@code printer}
 * messages, parsed strictly with {@link Messages#RELAY_TO_CLIENT}.
 */
public final class EventsClient {
  private static final Logger LOG = LoggerFactory.getLogger(EventsClient.class);

  private final WebSocketClient ws;
  private final URI eventsUri;
  private final Duration connectTimeout;

  /**
   * @param ws a started Jetty WebSocket client (owned by the caller; its idle timeout and max
   *     message size are set by whoever builds it)
   */
  public EventsClient(WebSocketClient ws, URI eventsUri, Duration connectTimeout) {
    if (ws == null || eventsUri == null || connectTimeout == null) {
      throw new IllegalArgumentException("ws, eventsUri and connectTimeout are required");
    }
    this.ws = ws;
    this.eventsUri = eventsUri;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Opens the socket and waits until the relay has subscribed it: the relay subscribes a socket
   * just before it sends its first message (the discovery list), so once that message has come no
   * later push for this account can be missed. Returning when only the upgrade is done would race
   * with the caller's next request (seen in the P1 benchmark under load: a link request's
   * VERIFIED and LINKED pushes went to no socket and the client waited for nothing).
   */
  public EventsConnection connect(io.printerlink.desktop.core.Session session, EventsListener listener)
      throws RelayException {
    ClientUpgradeRequest upgrade = new ClientUpgradeRequest(eventsUri);
    // SecretAccess: the session token leaves its wrapper only as the upgrade's header.
    upgrade.setHeader("Authorization", "Bearer " + session.token().text(SecretAccess.REVEAL));
    Endpoint endpoint = new Endpoint(listener);
    long deadline = System.nanoTime() + connectTimeout.toNanos();
    try {
      ws.connect(endpoint, eventsUri, upgrade).get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!endpoint.subscribed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        endpoint.close();
        throw new TimeoutException("no first message");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RelayException(RelayException.UNREACHABLE, "interrupted while opening the events socket", 0);
    } catch (TimeoutException e) {
      throw new RelayException(RelayException.TIMEOUT, "the relay's events socket did not open in time", 0);
    } catch (ExecutionException | java.io.IOException e) {
      String text = String.valueOf(e.getCause() == null ? e : e.getCause());
      int status = text.contains("401") ? 401 : 0;
      throw new RelayException(
          status == 401 ? "UNAUTHORIZED" : RelayException.UNREACHABLE,
          status == 401 ? "the relay refused the session on the events socket" : "cannot open the relay's events socket",
          status);
    }
    return endpoint;
  }

  /** One socket's endpoint. Public: Jetty requires endpoint classes to be public. */
  public static final class Endpoint extends Session.Listener.AbstractAutoDemanding implements EventsConnection {
    private final EventsListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Counted down by the first message (the relay has subscribed this socket) or the close. */
    private final CountDownLatch subscribed = new CountDownLatch(1);

    Endpoint(EventsListener listener) {
      this.listener = listener;
    }

    @Override
    public void onWebSocketText(String text) {
      try {
        dispatch(text);
      } finally {
        subscribed.countDown();
      }
    }

    private void dispatch(String text) {
      Message message;
      try {
        message = Json.parseMessage(text, Messages.RELAY_TO_CLIENT);
      } catch (JsonInputException e) {
        LOG.warn("Ignoring an unreadable event from the relay: {}", e.getMessage());
        return;
      }
      try {
        switch (message.type()) {
          case Messages.DISCOVERY:
            listener.onDiscovery(message.as(DiscoveryResponse.class));
            break;
          case Messages.LINK_STATE:
            listener.onLinkState(message.as(LinkRequestView.class));
            break;
          case Messages.PRINTER:
            listener.onPrinter(message.as(PrinterStatus.class));
            break;
          case Messages.LINK_CODE:
            listener.onLinkCode(message.as(LinkCodeEvent.class));
            break;
          case Messages.ERROR:
            listener.onError(message.as(WsError.class));
            break;
          default:
            LOG.debug("Ignoring event type {}", message.type());
        }
      } catch (RuntimeException e) {
        LOG.warn("An events listener failed", e);
      }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
      callback.succeed();
      finish("closed (" + statusCode + ")");
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      LOG.debug("Events socket error: {}", cause.toString());
      finish("failed");
    }

    private void finish(String reason) {
      if (closed.compareAndSet(false, true)) {
        subscribed.countDown();
        listener.onClosed(reason);
      }
    }

    @Override
    public boolean isOpen() {
      Session s = getSession();
      return !closed.get() && s != null && s.isOpen();
    }

    @Override
    public void close() {
      Session s = getSession();
      if (s != null && s.isOpen()) {
        s.close(StatusCode.NORMAL, "bye", Callback.NOOP);
      }
    }
  }
}
