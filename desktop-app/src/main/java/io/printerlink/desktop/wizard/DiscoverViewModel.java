package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.desktop.Version;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The discover screen: the printer in discovery on this network, pushed live by the relay (no
 * refresh button), with a live countdown of its window. While none shows: a spinner, after
 * {@link WizardConfig#checklistAfter()} a checklist, after {@link WizardConfig#hintsAfter()} the
 * likely reasons and the code. Several printers in discovery: why none is shown, and the code.
 */
public final class DiscoverViewModel {
  /** What the screen shows. */
  public enum State {
    /** Spinner: nothing found yet. */
    LOOKING,
    /** Spinner and the checklist. */
    CHECKLIST,
    /** No printer after a while: the likely reasons and the code. */
    HINTS,
    /** Several printers in discovery behind this network: none shown on purpose. */
    MULTIPLE,
    /** One printer: its card and the link button. */
    FOUND
  }

  private final WizardContext ctx;
  private final Navigator nav;

  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOOKING);
  private final ReadOnlyObjectWrapper<PrinterCard> printer = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper windowLeft = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper seenFrom = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper offerCode = new ReadOnlyBooleanWrapper(false);
  private final String versionHint;

  private Ticker.Handle tick;
  private long lookingSince;
  private long printerSeenAt;
  private boolean windowRanOut;

  DiscoverViewModel(WizardContext ctx, Navigator nav) {
    this.ctx = ctx;
    this.nav = nav;
    this.versionHint = ctx.texts().get("discover.checklist.version", Version.current());
  }

  /** True when the code is the way forward (several printers, or none after a while). */
  public ReadOnlyBooleanProperty offerCodeProperty() {
    return offerCode.getReadOnlyProperty();
  }

  /** The checklist's agent-version line (this app's version). */
  public String versionHint() {
    return versionHint;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<PrinterCard> printerProperty() {
    return printer.getReadOnlyProperty();
  }

  /** One line saying what is going on. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** "9:58 left in its discovery window", live. */
  public ReadOnlyStringProperty windowLeftProperty() {
    return windowLeft.getReadOnlyProperty();
  }

  /** "The relay sees this computer at ...", for the hints; empty before the first list. */
  public ReadOnlyStringProperty seenFromProperty() {
    return seenFrom.getReadOnlyProperty();
  }

  /** A relay problem (the list may be stale), or empty. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** Shows the screen: looks afresh, and keeps the timers and countdown running until {@link #stop}. */
  void start() {
    stop();
    lookingSince = ctx.nanoTime().getAsLong();
    windowRanOut = false;
    printer.set(null);
    problem.set("");
    setState(State.LOOKING);
    tick = ctx.ticker().every(ctx.config().tick(), this::onTick);
    WizardConnection c = nav.connection();
    if (c != null) {
      ctx.background().execute(() -> {
        try {
          DiscoveryResponse d = c.core().discover();
          ctx.ui().execute(() -> show(d));
        } catch (RelayException e) {
          ctx.ui().execute(() -> problem.set(ctx.texts().get("discover.problem", ctx.texts().problem(e))));
        }
      });
    }
  }

  void stop() {
    if (tick != null) {
      tick.close();
      tick = null;
    }
  }

  /** A discovery list from the relay (HTTP or the events socket). UI thread. */
  void show(DiscoveryResponse d) {
    seenFrom.set(d.seenFrom().isEmpty() ? "" : ctx.texts().get("discover.hints.seenFrom", d.seenFrom()));
    problem.set("");
    if (DiscoveryResponse.MULTIPLE.equals(d.status())) {
      printer.set(null);
      setState(State.MULTIPLE);
    } else if (d.printers().isEmpty()) {
      if (printer.get() != null) {
        printer.set(null);
        lookingSince = ctx.nanoTime().getAsLong();
      }
      setState(State.LOOKING);
      onTick();
    } else {
      printer.set(PrinterCard.of(d.printers().get(0)));
      printerSeenAt = ctx.nanoTime().getAsLong();
      windowRanOut = false;
      setState(State.FOUND);
      onTick();
    }
  }

  /** Live updates stopped (the socket dropped); the shell reconnects. UI thread. */
  void liveUpdatesStopped() {
    problem.set(ctx.texts().get("discover.liveStopped"));
  }

  public void link() {
    PrinterCard card = printer.get();
    if (card != null) {
      nav.link(card);
    }
  }

  public void useCode() {
    nav.code();
  }

  private void onTick() {
    long now = ctx.nanoTime().getAsLong();
    PrinterCard card = printer.get();
    if (card != null) {
      long left = card.printer().windowSecondsLeft() - (now - printerSeenAt) / 1_000_000_000L;
      if (left <= 0) {
        printer.set(null);
        windowRanOut = true;
        lookingSince = now - ctx.config().hintsAfter().toNanos();
        setState(State.HINTS);
        return;
      }
      windowLeft.set(ctx.texts().get("discover.windowLeft", left / 60, String.format("%02d", left % 60)));
      return;
    }
    if (state.get() == State.MULTIPLE) {
      return;
    }
    long waited = now - lookingSince;
    if (waited >= ctx.config().hintsAfter().toNanos()) {
      setState(State.HINTS);
    } else if (waited >= ctx.config().checklistAfter().toNanos()) {
      setState(State.CHECKLIST);
    }
  }

  private void setState(State s) {
    state.set(s);
    offerCode.set(s == State.MULTIPLE || s == State.HINTS);
    switch (s) {
      case FOUND:
        status.set(ctx.texts().get("discover.status.found"));
        break;
      case MULTIPLE:
        status.set(ctx.texts().get("discover.status.multiple"));
        break;
      case HINTS:
        status.set(ctx.texts().get(windowRanOut ? "discover.status.windowEnded" : "discover.status.hints"));
        break;
      case CHECKLIST:
      case LOOKING:
      default:
        status.set(ctx.texts().get("discover.status.looking"));
        break;
    }
  }
}
