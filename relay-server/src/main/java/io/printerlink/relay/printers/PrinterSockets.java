package io.printerlink.relay.printers;

import io.printerlink.protocol.ws.PrinterStatus;
import io.printerlink.relay.events.ClientEvents;
import io.printerlink.relay.store.PrinterRecord;
import io.printerlink.relay.store.PrinterStore;
import io.printerlink.relay.ws.WsChannel;
import java.util.HashMap;
import java.util.Map;

/** Linked printers that are online: one socket per printer, the newest wins. */
public final class PrinterSockets {
  private final ClientEvents events;
  private final PrinterStore store;
  private final Map<String, WsChannel> online = new HashMap<>();

  public PrinterSockets(ClientEvents events, PrinterStore store) {
    this.events = events;
    this.store = store;
  }

  /**
   * Registers the socket, then re-reads the printer: an unlink that raced with this connection
   * (token checked at upgrade, revoked since) closes it here, or finds it registered. Returns
   * whether the printer is online.
   */
  public synchronized boolean connected(String printerId, String accountId, WsChannel channel) {
    WsChannel old = online.put(printerId, channel);
    if (old != null) {
      old.closePolicy("replaced by a newer connection");
    }
    boolean active = store.byId(printerId).map(p -> PrinterRecord.ACTIVE.equals(p.state())).orElse(false);
    if (!active) {
      online.remove(printerId);
      channel.closePolicy("printer token revoked");
      return false;
    }
    events.printerStatus(accountId, new PrinterStatus(printerId, true));
    return true;
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

  /** How many linked printers are connected right now (metrics). */
  public synchronized int onlineCount() {
    return online.size();
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
