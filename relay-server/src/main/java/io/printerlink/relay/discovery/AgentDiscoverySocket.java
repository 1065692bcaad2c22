package io.printerlink.relay.discovery;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.LinkRequestRef;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.relay.ws.WsChannel;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One unlinked agent's {@code /agent/v1/discovery} socket: announces in, link answers in. */
public class AgentDiscoverySocket extends Session.Listener.AbstractAutoDemanding {
  /** The protocol version this relay speaks. */
  public static final int PROTOCOL = 1;
  private static final Logger LOG = LoggerFactory.getLogger(AgentDiscoverySocket.class);

  /** Where the link answers go (implemented by the link service). */
  public interface LinkAnswers {
    void onAgentMessage(AgentConnection from, String type, LinkRequestRef ref);

    void agentGone(AgentConnection conn, String reason);
  }

  private final long id;
  private final String networkKey;
  private final DiscoveryService discovery;
  private final LinkAnswers linking;
  private volatile AgentConnection conn;

  public AgentDiscoverySocket(long id, String networkKey, DiscoveryService discovery, LinkAnswers linking) {
    this.id = id;
    this.networkKey = networkKey;
    this.discovery = discovery;
    this.linking = linking;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    super.onWebSocketOpen(session);
    conn = new AgentConnection(new WsChannel(id, session, Messages.RELAY_TO_AGENT), networkKey);
  }

  @Override
  public void onWebSocketText(String text) {
    AgentConnection c = conn;
    Message message;
    try {
      if (announcesOtherProtocol(text)) {
        c.channel().sendError(ErrorCodes.PROTOCOL_UNSUPPORTED, "this relay speaks protocol " + PROTOCOL);
        c.channel().closePolicy("protocol unsupported");
        return;
      }
      message = Json.parseMessage(text, Messages.AGENT_TO_RELAY);
    } catch (JsonInputException e) {
      c.channel().sendError(e.code(), e.getMessage());
      return;
    }
    try {
      if (Messages.ANNOUNCE.equals(message.type())) {
        AgentConnection replaced = discovery.announce(c, message.as(Announce.class));
        if (replaced != null) {
          linking.agentGone(replaced, "the printer reconnected");
          replaced.channel().closePolicy("replaced by a reconnect");
        }
      } else {
        linking.onAgentMessage(c, message.type(), message.as(LinkRequestRef.class));
      }
    } catch (RuntimeException e) {
      LOG.error("agent socket {} message handling failed", id, e);
      c.channel().sendError(ErrorCodes.INTERNAL, "the relay hit an internal error");
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    AgentConnection c = conn;
    try {
      if (c != null) {
        discovery.connectionClosed(c);
        linking.agentGone(c, "the printer disconnected");
      }
    } catch (RuntimeException e) {
      LOG.error("agent socket {} close handling failed", id, e);
    } finally {
      callback.succeed();
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("agent socket {} error: {}", id, cause.toString());
  }

  /** An announce whose numeric {@code protocol} is not ours, judged before strict parsing. */
  private static boolean announcesOtherProtocol(String text) throws JsonInputException {
    JsonElement tree = Json.parseTree(text);
    if (!tree.isJsonObject()) {
      return false;
    }
    JsonObject o = tree.getAsJsonObject();
    JsonElement type = o.get("type");
    JsonElement protocol = o.get("protocol");
    if (type == null || !type.isJsonPrimitive() || !Messages.ANNOUNCE.equals(type.getAsString())) {
      return false;
    }
    if (protocol == null || !protocol.isJsonPrimitive() || !protocol.getAsJsonPrimitive().isNumber()) {
      return false;
    }
    return protocol.getAsBigDecimal().compareTo(java.math.BigDecimal.valueOf(PROTOCOL)) != 0;
  }
}
