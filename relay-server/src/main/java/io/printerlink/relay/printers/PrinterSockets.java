package io.printerlink.relay.printers;

import io.printerlink.protocol.ws.PrinterStatus;
import io.printerlink.relay.events.ClientEvents;
import io.printerlink.relay.ws.WsChannel;
import java.util.HashMap;
import java.util.Map;

/** Linked printers that are online: one socket per printer, the newest wins. */
public final class PrinterSockets {
  private final ClientEvents events;
  private final Map<String, WsChannel> online = new HashMap<>();

  public PrinterSockets(ClientEvents events) {
    this.events = events;
  }

  public synchronized void connected(String printerId, String accountId, WsChannel channel) {
    WsChannel old = online.put(printerId, channel);
    if (old != null) {
      old.closePolicy("replaced by a newer connection");
    }
    events.printerStatus(accountId, new PrinterStatus(printerId, true));
  }

  public synchronized void disconnected(String printerId, String accountId, WsChannel channel) {
    if (online.get(printerId) == channel) {
      online.remove(printerId);
      events.printerStatus(accountId, new PrinterStatus(printerId, false));
    }
  }

  public synchronized boolean isOnline(String printerId) {
    return online.containsKey(printerId);
  }

  /** The printer was unlinked: close its socket now (T16). */
  public synchronized void revoked(String printerId, String accountId) {
    WsChannel c = online.remove(printerId);
    if (c != null) {
      c.closePolicy("printer token revoked");
      events.printerStatus(accountId, new PrinterStatus(printerId, false));
    }
  }
}
