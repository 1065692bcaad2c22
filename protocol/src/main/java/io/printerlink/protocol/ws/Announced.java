package io.printerlink.protocol.ws;

import io.printerlink.protocol.Check;
import io.printerlink.protocol.MaxLength;
import io.printerlink.protocol.Secret;

/**
 * Relay to agent, {@code announced}: the announce was accepted. {@code presenceToken} proves
 * ownership of the instance id on reconnect; {@code seenFrom} is the network key the relay saw.
 */
public record Announced(@MaxLength(64) Secret presenceToken, @MaxLength(64) String seenFrom, int heartbeatSeconds) {
  public Announced {
    Check.notNull(presenceToken, "presenceToken");
    Check.notNull(seenFrom, "seenFrom");
    Check.range(heartbeatSeconds, 1, 60, "heartbeatSeconds");
  }
}
