package io.printerlink.relay.printers;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.ws.Messages;
import io.printerlink.protocol.ws.PrinterHello;
import io.printerlink.relay.store.PrinterRecord;
import io.printerlink.relay.ws.WsChannel;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A linked printer's {@code /agent/v1/printer} socket (token checked at upgrade). Online while open. */
public class PrinterSocket extends Session.Listener.AbstractAutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(PrinterSocket.class);

  private final long id;
  private final PrinterRecord printer;
  private final String accountName;
  private final PrinterSockets sockets;
  private volatile WsChannel channel;

  public PrinterSocket(long id, PrinterRecord printer, String accountName, PrinterSockets sockets) {
    this.id = id;
    this.printer = printer;
    this.accountName = accountName;
    this.sockets = sockets;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    super.onWebSocketOpen(session);
    WsChannel c = new WsChannel(id, session, Messages.RELAY_TO_PRINTER);
    channel = c;
    if (sockets.connected(printer.id(), printer.accountId(), c)) {
      c.send(Messages.HELLO, new PrinterHello(printer.id(), printer.name(), printer.accountId(), accountName));
    }
  }

  @Override
  public void onWebSocketText(String message) {
    WsChannel c = channel;
    if (c != null) {
      c.sendError(ErrorCodes.INVALID_FIELD, "this socket accepts no messages yet");
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    WsChannel c = channel;
    if (c != null) {
      sockets.disconnected(printer.id(), printer.accountId(), c);
    }
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("printer socket {} error: {}", id, cause.toString());
  }
}
