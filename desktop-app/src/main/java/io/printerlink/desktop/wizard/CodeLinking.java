package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.ws.LinkCodeEvent;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The manual 6-digit code fallback as the code screen needs it: the linking core's two code
 * calls, narrowed. Both block: call them off the UI thread.
 */
public interface CodeLinking {
  /** A code and when it stops working (on this computer's clock). */
  record IssuedCode(String code, Instant expiresAt) {}

  /**
   * How waiting ended: {@code state} is LINKED, EXPIRED or FAILED; {@code reason} plain words for
   * the last two; {@code printerId}/{@code printerName} set when linked (the name may be null).
   */
  record Outcome(String state, String reason, String printerId, String printerName) {
    public boolean linked() {
      return "LINKED".equals(state);
    }
  }

  /** Asks the relay for the account's live code (the same one again while it lives). */
  IssuedCode issue() throws RelayException;

  /**
   * Waits until a printer has used {@code code} and the link is done, the code ran out or the link
   * failed; {@code events} hears every {@code link-code} event on the way. An interrupt ends the
   * wait (the outcome is then FAILED).
   */
  Outcome await(IssuedCode code, Consumer<LinkCodeEvent> events) throws Exception;
}
