package io.printerlink.relay.ws;

import java.util.concurrent.atomic.AtomicLong;

/** Numbers sockets for logs; one instance per relay (not static). */
public final class WsIds {
  private final AtomicLong next = new AtomicLong();

  public long next() {
    return next.incrementAndGet();
  }
}
