package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.ws.LinkCodeEvent;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The manual 6-digit code fallback as the code screen needs it: what the linking core offers
 * for it, narrowed to two calls. Both block: call them off the UI thread.
 */
public interface CodeLinking {
  /** A code and when it stops working (relay time, as seen by this computer's clock). */
  record IssuedCode(String code, Instant expiresAt) {}

  /** Asks the relay for the account's live code (the same one again while it lives). */
  IssuedCode issue() throws RelayException;

  /** Delivers what becomes of the code ({@code link-code} events) until the handle is closed. */
  EventsConnection watch(Consumer<LinkCodeEvent> listener) throws RelayException;
}
