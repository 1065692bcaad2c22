package io.printerlink.relay.ws;

import io.printerlink.protocol.MessageSet;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.WsError;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One open WebSocket as services see it: send a typed message of its set, or close it. */
public final class WsChannel {
  private static final Logger LOG = LoggerFactory.getLogger(WsChannel.class);

  private final long id;
  private final Session session;
  private final MessageSet outgoing;

  public WsChannel(long id, Session session, MessageSet outgoing) {
    this.id = id;
    this.session = session;
    this.outgoing = outgoing;
  }

  public long id() {
    return id;
  }

  /** Sends asynchronously; a failed send (peer gone) is logged at debug and otherwise ignored. */
  public void send(String type, Record body) {
    if (!session.isOpen()) {
      return;
    }
    session.sendText(outgoing.encode(type, body), Callback.from(() -> { }, failure ->
        LOG.debug("send of '{}' on socket {} failed: {}", type, id, failure.toString())));
  }

  public void sendError(String code, String message) {
    send(Messages.ERROR, new WsError(code, message, null));
  }

  public void close(int status, String reason) {
    session.close(status, reason, Callback.NOOP);
  }

  /** Policy-violation close (1008). */
  public void closePolicy(String reason) {
    close(StatusCode.POLICY_VIOLATION, reason);
  }

  /** Drops the connection without a close handshake (a silent peer). */
  public void disconnect() {
    session.disconnect();
  }

  public boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public String toString() {
    return "socket#" + id;
  }
}
