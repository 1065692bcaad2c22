package io.printerlink.desktop.core;

import io.printerlink.protocol.ws.LinkCodeEvent;

/** Told what happens while {@link LinkingService#awaitCodeLink} waits; called on the waiting thread. */
public interface CodeLinkListener {
  /** About once a second: whole seconds left in the code's life (0 once it has run out). */
  default void onCountdown(long secondsLeft) {}

  /** The relay pushed what became of the code: REDEEMED, then LINKED, or EXPIRED / FAILED. */
  default void onCodeEvent(LinkCodeEvent event) {}

  /**
   * The live connection to the relay was lost ({@code live} false; the wait goes on and reconnects
   * about once a second) or is back ({@code live} true).
   */
  default void onRelayConnection(boolean live) {}
}
