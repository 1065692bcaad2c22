package io.printerlink.relay.events;

import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterStatus;
import io.printerlink.relay.ws.WsChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.StatusCode;

/** The open {@code /client/v1/events} sockets, and the pushes to them. */
public final class ClientEvents {
  /** One client socket: which account, which network key, which session. */
  public record Subscriber(String accountId, String networkKey, String sessionHash, WsChannel channel) {}

  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  public void add(Subscriber s) {
    subscribers.add(s);
  }

  public void remove(Subscriber s) {
    subscribers.remove(s);
  }

  /** The discovery list for {@code networkKey} changed. */
  public void discoveryChanged(String networkKey, DiscoveryResponse snapshot) {
    for (Subscriber s : subscribers) {
      if (s.networkKey().equals(networkKey)) {
        s.channel().send(Messages.DISCOVERY, snapshot);
      }
    }
  }

  public void linkState(String accountId, LinkRequestView view) {
    for (Subscriber s : subscribers) {
      if (s.accountId().equals(accountId)) {
        s.channel().send(Messages.LINK_STATE, view);
      }
    }
  }

  /** What became of the account's manual link code ({@code link-code}). */
  public void linkCode(String accountId, LinkCodeEvent event) {
    for (Subscriber s : subscribers) {
      if (s.accountId().equals(accountId)) {
        s.channel().send(Messages.LINK_CODE, event);
      }
    }
  }

  public void printerStatus(String accountId, PrinterStatus status) {
    for (Subscriber s : subscribers) {
      if (s.accountId().equals(accountId)) {
        s.channel().send(Messages.PRINTER, status);
      }
    }
  }

  /** A session was signed out: its sockets close at once (T16). */
  public void sessionRevoked(String sessionHash) {
    for (Subscriber s : subscribers) {
      if (s.sessionHash().equals(sessionHash)) {
        subscribers.remove(s);
        s.channel().close(StatusCode.POLICY_VIOLATION, "signed out");
      }
    }
  }
}
