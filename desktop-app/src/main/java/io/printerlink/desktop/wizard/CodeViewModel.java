package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.Problems;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.ws.LinkCodeEvent;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The manual-code screen: a 6-digit code, large and copyable, its live countdown, what to type at
 * the printer; it moves on to the linked screen by itself when the printer redeems the code.
 */
public final class CodeViewModel {
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

  private Ticker.Handle tick;
  private EventsConnection watch;
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

  /** Shows the screen: asks for a code and watches what becomes of it. */
  void start() {
    stop();
    WizardConnection c = nav.connection();
    if (c == null) {
      return;
    }
    long mine = ++attempt;
    state.set(State.ISSUING);
    code.set("");
    digits.set("");
    command.set("");
    countdown.set("");
    message.set(ctx.texts().get("code.issuing"));
    ctx.background().execute(() -> {
      EventsConnection w = null;
      try {
        // watch first, so a redemption right after issue is not missed
        w = c.codes().watch(e -> ctx.ui().execute(() -> onEvent(mine, e)));
        CodeLinking.IssuedCode issued = c.codes().issue();
        EventsConnection opened = w;
        ctx.ui().execute(() -> issued(mine, issued, opened));
      } catch (RelayException e) {
        if (w != null) {
          w.close();
        }
        ctx.ui().execute(() -> {
          if (mine == attempt) {
            state.set(State.FAILED);
            message.set(ctx.texts().get("code.error", Problems.describe(e)));
          }
        });
      }
    });
  }

  void stop() {
    attempt++;
    if (tick != null) {
      tick.close();
      tick = null;
    }
    if (watch != null) {
      EventsConnection w = watch;
      watch = null;
      ctx.background().execute(w::close);
    }
  }

  /** A fresh code (after expiry or failure). */
  public void newCode() {
    start();
  }

  public void back() {
    nav.discover();
  }

  private void issued(long mine, CodeLinking.IssuedCode issued, EventsConnection w) {
    if (mine != attempt) {
      ctx.background().execute(w::close);
      return;
    }
    watch = w;
    expiresAt = issued.expiresAt();
    String d = issued.code();
    digits.set(d);
    code.set(d.length() == 6 ? d.substring(0, 3) + " " + d.substring(3) : d);
    command.set(ctx.texts().get("code.command", d));
    if (state.get() == State.ISSUING) {
      state.set(State.WAITING);
      message.set(ctx.texts().get("code.waiting"));
    }
    tick = ctx.ticker().every(ctx.config().tick(), this::onTick);
    onTick();
  }

  private void onTick() {
    if (expiresAt == null || state.get() != State.WAITING && state.get() != State.REDEEMED) {
      return;
    }
    long left = Duration.between(ctx.clock().instant(), expiresAt).toSeconds();
    if (left <= 0 && state.get() == State.WAITING) {
      expired();
      return;
    }
    countdown.set(ctx.texts().get("code.countdown", Math.max(0, left) / 60, String.format("%02d", Math.max(0, left) % 60)));
  }

  private void onEvent(long mine, LinkCodeEvent e) {
    if (mine != attempt) {
      return;
    }
    switch (e.state()) {
      case "REDEEMED":
        state.set(State.REDEEMED);
        message.set(ctx.texts().get("code.redeemed"));
        break;
      case "LINKED":
        String name = e.printerName() == null || e.printerName().isBlank() ? ctx.texts().get("code.printer") : e.printerName();
        String id = e.printerId();
        stop();
        nav.linked(id, name);
        break;
      case "EXPIRED":
        expired();
        break;
      case "FAILED":
      default:
        state.set(State.FAILED);
        message.set(ctx.texts().get("code.failed", e.reason() == null ? "" : e.reason()));
        closeTick();
        break;
    }
  }

  private void expired() {
    state.set(State.EXPIRED);
    countdown.set(ctx.texts().get("code.expired"));
    message.set(ctx.texts().get("code.expiredHelp"));
    closeTick();
  }

  private void closeTick() {
    if (tick != null) {
      tick.close();
      tick = null;
    }
  }
}
