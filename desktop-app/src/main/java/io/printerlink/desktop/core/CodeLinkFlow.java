package io.printerlink.desktop.core;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.ws.LinkCodeEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The linking core's code flow: issue a code with the events socket already open, then wait for
 * the relay's {@code link-code} pushes. Waiting follows the monotonic clock from the relay's
 * remaining life; the local wall clock only dates the code for display.
 */
final class CodeLinkFlow {
  private static final Logger LOG = LoggerFactory.getLogger(CodeLinkFlow.class);
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final RelayClient relay;
  private final EventsClient events;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final AtomicReference<Watch> current = new AtomicReference<>();

  CodeLinkFlow(RelayClient relay, EventsClient events, Clock clock, LongSupplier nanoTime) {
    this.relay = relay;
    this.events = events;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  LinkCode issue(Session session) throws RelayException {
    Watch watch = new Watch();
    try {
      // connect() returns once the relay has subscribed the socket: no push after it is missed.
      watch.socket = events.connect(session, watch.nextListener());
    } catch (RelayException e) {
      LOG.info("Events socket unavailable ({}); the code's outcome will be looked for when waiting", e.getMessage());
    }
    long asked = nanoTime.getAsLong();
    LinkCodeResponse r;
    try {
      r = relay.issueLinkCode(session);
    } catch (RelayException e) {
      watch.close();
      throw e;
    }
    watch.code = new LinkCode(r.code(), clock.instant().plusSeconds(r.expiresInSeconds()));
    watch.expiresAtNanos = asked + TimeUnit.SECONDS.toNanos(r.expiresInSeconds());
    Watch old = current.getAndSet(watch);
    if (old != null) {
      old.close();
    }
    return watch.code;
  }

  LinkCodeResult await(Session session, LinkCode code, CodeLinkListener listener) throws LinkException {
    if (code == null || listener == null) {
      throw new IllegalArgumentException("code and listener are required");
    }
    Watch watch = current.get();
    if (watch == null || watch.code == null || !watch.code.equals(code)) {
      watch = new Watch();
      watch.code = code;
      watch.expiresAtNanos = nanoTime.getAsLong() + Math.max(0, Duration.between(clock.instant(), code.expiresAt()).toNanos());
      watch.socket = tryConnect(session, watch);
    }
    try {
      return follow(session, watch, listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkException(LinkStep.CODE_WAIT, "interrupted", null);
    } finally {
      watch.close();
      current.compareAndSet(watch, null);
    }
  }

  private LinkCodeResult follow(Session session, Watch watch, CodeLinkListener listener)
      throws InterruptedException, LinkException {
    long graceNanos = CoreConfig.CODE_GRACE.toNanos();
    long giveUpAt = watch.expiresAtNanos + graceNanos;
    long lastShown = -1;
    LinkCodeEvent redeemed = null;
    // With no socket (the relay was away when the code was issued or the wait began) the tick
    // reconnects, as after a lost one.
    boolean missedSome = watch.socket == null;
    long reconnectAt = watch.socket == null ? nanoTime.getAsLong() : -1; // next reconnect attempt while down
    if (watch.socket == null) {
      safely(() -> listener.onRelayConnection(false));
    }
    while (true) {
      long now = nanoTime.getAsLong();
      long secondsLeft = Math.max(0, (watch.expiresAtNanos - now + TICK_NANOS - 1) / TICK_NANOS);
      if (secondsLeft != lastShown) {
        lastShown = secondsLeft;
        safely(() -> listener.onCountdown(secondsLeft));
      }
      if (now - giveUpAt >= 0) {
        // Pushes sent while the socket was down are lost: the printer may have linked meanwhile.
        String unsure = missedSome ? " (the relay was unreachable for a while: check your printers list, the printer"
            + " may have linked meanwhile)" : "";
        return redeemed == null
            ? new LinkCodeResult(LinkCodeResult.Outcome.EXPIRED, "the code expired before a printer used it" + unsure, null, null)
            : new LinkCodeResult(LinkCodeResult.Outcome.FAILED, "the printer did not confirm the link in time" + unsure,
                redeemed.printerId(), redeemed.printerName());
      }
      if (reconnectAt >= 0 && now - reconnectAt >= 0) {
        EventsConnection back = tryConnect(session, watch);
        if (back != null) {
          watch.socket = back;
          reconnectAt = -1;
          safely(() -> listener.onRelayConnection(true));
        } else {
          reconnectAt = now + TICK_NANOS;
        }
      }
      long untilTick = watch.expiresAtNanos - now > 0 ? (watch.expiresAtNanos - now) % TICK_NANOS : TICK_NANOS;
      Object next = watch.queue.poll(Math.min(Math.max(untilTick, 1), giveUpAt - now), TimeUnit.NANOSECONDS);
      if (next instanceof Closed && (reconnectAt >= 0 || ((Closed) next).generation() != watch.generation.get())) {
        continue; // a failed attempt's or an earlier socket's close; while the relay is away the tick reconnects
      }
      if (next instanceof Closed) {
        EventsConnection back = tryConnect(session, watch);
        if (back != null) {
          watch.socket = back;
        } else {
          // The relay is away (restarting, network): the code stays valid there, so keep waiting.
          missedSome = true;
          reconnectAt = nanoTime.getAsLong() + TICK_NANOS;
          safely(() -> listener.onRelayConnection(false));
        }
      } else if (next instanceof LinkCodeEvent) {
        LinkCodeEvent e = (LinkCodeEvent) next;
        safely(() -> listener.onCodeEvent(e));
        switch (e.state()) {
          case "REDEEMED":
            redeemed = e;
            giveUpAt = Math.max(giveUpAt, nanoTime.getAsLong() + graceNanos);
            break;
          case "LINKED":
            return new LinkCodeResult(LinkCodeResult.Outcome.LINKED, null, e.printerId(),
                redeemed == null ? null : redeemed.printerName());
          case "EXPIRED":
            if (redeemed == null) {
              return new LinkCodeResult(LinkCodeResult.Outcome.EXPIRED,
                  e.reason() == null ? "the code expired before a printer used it" : e.reason(), null, null);
            }
            break;
          case "FAILED":
          default:
            return new LinkCodeResult(LinkCodeResult.Outcome.FAILED,
                e.reason() == null ? "the link failed" : e.reason(), redeemed == null ? null : redeemed.printerId(),
                redeemed == null ? null : redeemed.printerName());
        }
      }
    }
  }

  /** Opens (or reopens) the events socket; null while the relay cannot be reached (a refused session ends the wait). */
  private EventsConnection tryConnect(Session session, Watch watch) throws LinkException {
    try {
      return events.connect(session, watch.nextListener());
    } catch (RelayException e) {
      if (ErrorCodes.UNAUTHORIZED.equals(e.code())) {
        throw new LinkException(LinkStep.CODE_WAIT, "the relay no longer accepts this sign-in; sign in again", e.code());
      }
      LOG.debug("events socket still unavailable: {}", e.getMessage());
      return null;
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("A code link listener failed", e);
    }
  }

  /** One issued code: its events, buffered from before the code existed. */
  /** The close of the events socket opened as {@code generation}. */
  private record Closed(int generation) {}

  private static final class Watch {
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Which socket (attempt) is the current one: closes of earlier ones are ignored. */
    final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    volatile EventsConnection socket;
    volatile LinkCode code;
    volatile long expiresAtNanos;

    /** The listener for the next connection attempt, which becomes the current one. */
    EventsListener nextListener() {
      int gen = generation.incrementAndGet();
      return new EventsListener() {
        @Override
        public void onLinkCode(LinkCodeEvent event) {
          queue.add(event);
        }

        @Override
        public void onClosed(String reason) {
          queue.add(new Closed(gen));
        }
      };
    }

    void close() {
      EventsConnection s = socket;
      if (s != null) {
        s.close();
      }
    }
  }
}
