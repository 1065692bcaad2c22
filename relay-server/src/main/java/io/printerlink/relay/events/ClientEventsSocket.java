package io.printerlink.relay.events;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.relay.discovery.DiscoveryService;
import io.printerlink.relay.ws.WsChannel;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client's {@code /client/v1/events} socket. Authenticated at upgrade; receives only. */
public class ClientEventsSocket extends Session.Listener.AbstractAutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(ClientEventsSocket.class);

  private final long id;
  private final String accountId;
  private final String networkKey;
  private final String sessionHash;
  private final ClientEvents events;
  private final DiscoveryService discovery;
  private final Predicate<String> sessionLive;
  private volatile ClientEvents.Subscriber subscriber;

  public ClientEventsSocket(long id, String accountId, String networkKey, String sessionHash, ClientEvents events,
      DiscoveryService discovery, Predicate<String> sessionLive) {
    this.id = id;
    this.accountId = accountId;
    this.networkKey = networkKey;
    this.sessionHash = sessionHash;
    this.events = events;
    this.discovery = discovery;
    this.sessionLive = sessionLive;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    super.onWebSocketOpen(session);
    WsChannel channel = new WsChannel(id, session, Messages.RELAY_TO_CLIENT);
    ClientEvents.Subscriber s = new ClientEvents.Subscriber(accountId, networkKey, sessionHash, channel);
    subscriber = s;
    discovery.subscribe(networkKey, snapshot -> {
      events.add(s);
      channel.send(Messages.DISCOVERY, snapshot);
    });
    // A sign-out that raced with this upgrade either sees the subscriber or is seen here.
    if (!sessionLive.test(sessionHash)) {
      events.remove(s);
      channel.closePolicy("signed out");
    }
  }

  @Override
  public void onWebSocketText(String message) {
    ClientEvents.Subscriber s = subscriber;
    if (s != null) {
      s.channel().sendError(ErrorCodes.INVALID_FIELD, "this socket accepts no messages");
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
    ClientEvents.Subscriber s = subscriber;
    if (s != null) {
      events.remove(s);
    }
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("client socket {} error: {}", id, cause.toString());
  }
}
