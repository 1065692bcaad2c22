package io.printerlink.desktop.core;

import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.ws.PrinterStatus;
import io.printerlink.protocol.ws.WsError;

/** Receives the relay's live events. Called on a network thread: hand off, do not block. */
public interface EventsListener {
  default void onDiscovery(DiscoveryResponse discovery) {}

  default void onLinkState(LinkRequestView view) {}

  default void onPrinter(PrinterStatus status) {}

  /** What became of the account's 6-digit code ({@code link-code}). */
  default void onLinkCode(LinkCodeEvent event) {}

  default void onError(WsError error) {}

  /** The socket closed (by either side, or failed). No more events come. */
  default void onClosed(String reason) {}
}
