package io.printerlink.desktop.core;

import io.printerlink.protocol.api.LinkState;
import java.time.Instant;

/**
 * One thing that happened during a link: a step started, or the link request reached a state.
 *
 * @param state set for {@link LinkStep#WAIT} events that report a link request state, else null
 * @param message plain-words description (English; the wizard localises by step and state)
 */
public record LinkEvent(Instant at, LinkStep step, LinkState state, String message) {
  public LinkEvent {
    if (at == null || step == null || message == null) {
      throw new IllegalArgumentException("at, step and message are required");
    }
  }
}
