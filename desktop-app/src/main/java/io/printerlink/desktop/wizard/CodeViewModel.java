package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.ws.LinkCodeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manual-code screen: a 6-digit code, large and copyable, its live countdown, what to type at
 * the printer; it moves on to the linked screen by itself when the printer redeems the code.
 */
public final class CodeViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(CodeViewModel.class);

  /** What the screen shows. */
  public enum State {
    ISSUING, WAITING, REDEEMED, EXPIRED, FAILED
  }

  private final WizardContext ctx;
  private final Navigator nav;

  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.ISSUING);
  private final ReadOnlyStringWrapper code = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper digits = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  /** The thread waiting for the code's outcome, interrupted when the screen is left. */
  private final AtomicReference<Thread> waiter = new AtomicReference<>();
  private Ticker.Handle tick;
  private Instant expiresAt;
  private long attempt;

  CodeViewModel(WizardContext ctx, Navigator nav) {
    this.ctx = ctx;
    this.nav = nav;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  /** The code as shown: "123 456". */
  public ReadOnlyStringProperty codeProperty() {
    return code.getReadOnlyProperty();
  }

  /** The code as copied: "123456". */
  public ReadOnlyStringProperty digitsProperty() {
    return digits.getReadOnlyProperty();
  }

  /** "Expires in 9:58", live. */
  public ReadOnlyStringProperty countdownProperty() {
    return countdown.getReadOnlyProperty();
  }

  /** The command to run on the printer's computer. */
  public ReadOnlyStringProperty commandProperty() {
    return command.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Shows the screen: asks for a code and waits for what becomes of it. */
  void start() {
    stop();
    WizardConnection c = nav.connection();
    if (c == null) {
      return;
    }
    long mine = attempt;
    state.set(State.ISSUING);
    code.set("");
    digits.set("");
    command.set("");
    countdown.set("");
    message.set(ctx.texts().get("code.issuing"));
    ctx.background().execute(() -> {
      CodeLinking.IssuedCode issued;
      try {
        issued = c.codes().issue();
      } catch (RelayException e) {
        ctx.ui().execute(() -> ended(mine, State.FAILED, ctx.texts().get("code.error", ctx.texts().problem(e))));
        return;
      } catch (RuntimeException e) {
        LOG.warn("Could not get a link code", e);
        ctx.ui().execute(() -> ended(mine, State.FAILED, ctx.texts().get("code.error", ctx.texts().get("link.reason.unexpected"))));
        return;
      }
      String relay = c.relayUri().toString();
      ctx.ui().execute(() -> issued(mine, issued, relay));
      waiter.set(Thread.currentThread());
      try {
        CodeLinking.Outcome outcome = c.codes().await(issued, e -> ctx.ui().execute(() -> onEvent(mine, e)));
        ctx.ui().execute(() -> finished(mine, outcome));
      } catch (Exception e) {
        if (!Thread.currentThread().isInterrupted()) {
          LOG.info("Waiting for the code failed: {}", e.getMessage());
          ctx.ui().execute(() -> ended(mine, State.FAILED, ctx.texts().get("code.failed", e.getMessage())));
        }
      } finally {
        waiter.compareAndSet(Thread.currentThread(), null);
        Thread.interrupted();
      }
    });
  }

  /** Leaves the screen: stops the countdown and the wait. */
  void stop() {
    attempt++;
    closeTick();
    Thread t = waiter.getAndSet(null);
    if (t != null) {
      t.interrupt();
    }
  }

  /** A fresh code (after expiry or failure). */
  public void newCode() {
    start();
  }

  public void back() {
    nav.discover();
  }

  private void issued(long mine, CodeLinking.IssuedCode issued, String relay) {
    if (mine != attempt) {
      return;
    }
    expiresAt = issued.expiresAt();
    String d = issued.code();
    digits.set(d);
    code.set(d.length() == 6 ? d.substring(0, 3) + " " + d.substring(3) : d);
    command.set(ctx.texts().get("code.command", d, relay));
    if (state.get() == State.ISSUING) {
      state.set(State.WAITING);
      message.set(ctx.texts().get("code.waiting"));
    }
    closeTick();
    tick = ctx.ticker().every(ctx.config().tick(), this::onTick);
    onTick();
  }

  private void onTick() {
    if (expiresAt == null || state.get() != State.WAITING && state.get() != State.REDEEMED) {
      return;
    }
    long left = Math.max(0, Duration.between(ctx.clock().instant(), expiresAt).toSeconds());
    countdown.set(ctx.texts().get("code.countdown", left / 60, String.format("%02d", left % 60)));
  }

  private void onEvent(long mine, LinkCodeEvent e) {
    if (mine == attempt && "REDEEMED".equals(e.state())) {
      state.set(State.REDEEMED);
      message.set(ctx.texts().get("code.redeemed"));
    }
  }

  private void finished(long mine, CodeLinking.Outcome outcome) {
    if (mine != attempt) {
      return;
    }
    if (outcome.linked()) {
      String name = outcome.printerName() == null || outcome.printerName().isBlank()
          ? ctx.texts().get("code.printer") : outcome.printerName();
      nav.linked(outcome.printerId(), name);
    } else if ("EXPIRED".equals(outcome.state())) {
      countdown.set(ctx.texts().get("code.expired"));
      ended(mine, State.EXPIRED, ctx.texts().get("code.expiredHelp"));
    } else {
      ended(mine, State.FAILED, ctx.texts().get("code.failed", outcome.reason() == null ? "" : outcome.reason()));
    }
  }

  private void ended(long mine, State s, String text) {
    if (mine != attempt) {
      return;
    }
    state.set(s);
    message.set(text);
    closeTick();
  }

  private void closeTick() {
    if (tick != null) {
      tick.close();
      tick = null;
    }
  }
}
