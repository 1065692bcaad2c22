package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.ExchangeException;
import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkStep;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link screen: a step list that ticks live as the core reports each step and each state of
 * the link request, each with its time. A failure names the step and the reason in plain words
 * and offers retry and the code.
 */
public final class LinkViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(LinkViewModel.class);

  private final WizardContext ctx;
  private final Navigator nav;

  private final ObservableList<LinkStepRow> rows = FXCollections.observableArrayList();
  private final ObservableList<LinkStepRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");

  private Instant startedAt;
  private PrinterCard card;
  private long attempt;

  LinkViewModel(WizardContext ctx, Navigator nav) {
    this.ctx = ctx;
    this.nav = nav;
  }

  public ObservableList<LinkStepRow> rows() {
    return rowsView;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }

  /** "Contacting the printer failed: ..." — the step and the reason. */
  public ReadOnlyStringProperty failureProperty() {
    return failure.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** Starts linking {@code printer}; the core runs on the background executor. */
  void start(PrinterCard printer) {
    WizardConnection c = nav.connection();
    if (c == null || running.get()) {
      return;
    }
    card = printer;
    long mine = ++attempt;
    title.set(ctx.texts().get("link.title", printer.name()));
    rows.setAll(
        row(LinkStepRow.Step.CONTACT, ctx.texts().get("link.step.CONTACT", printer.address())),
        row(LinkStepRow.Step.SECRET, ctx.texts().get("link.step.SECRET")),
        row(LinkStepRow.Step.REQUEST, ctx.texts().get("link.step.REQUEST")),
        row(LinkStepRow.Step.CONFIRM, ctx.texts().get("link.step.CONFIRM")),
        row(LinkStepRow.Step.LINKED, ctx.texts().get("link.step.LINKED")));
    startedAt = null;
    failed.set(false);
    failure.set("");
    running.set(true);
    ctx.background().execute(() -> {
      try {
        LinkRequestView result = c.core().link(printer.printer(), e -> ctx.ui().execute(() -> {
          if (mine == attempt) {
            onEvent(e);
          }
        }));
        ctx.ui().execute(() -> finished(mine, result));
      } catch (LinkException e) {
        ctx.ui().execute(() -> fail(mine, rowOf(e.step()), reason(e, c)));
      } catch (RuntimeException e) {
        LOG.warn("Link failed unexpectedly", e);
        ctx.ui().execute(() -> fail(mine, LinkStepRow.Step.CONTACT, ctx.texts().get("link.reason.unexpected")));
      }
    });
  }

  /** Back to discovery to try again (a printer ends its window after any link attempt). */
  public void retry() {
    if (!running.get()) {
      nav.discover();
    }
  }

  public void useCode() {
    if (!running.get()) {
      nav.code();
    }
  }

  private void onEvent(LinkEvent e) {
    if (startedAt == null) {
      startedAt = e.at();
    }
    String t = time(e.at());
    if (e.state() == null) {
      switch (e.step()) {
        case EXCHANGE:
          set(LinkStepRow.Step.CONTACT, LinkStepRow.Status.ACTIVE, "");
          break;
        case PROOF:
          set(LinkStepRow.Step.CONTACT, LinkStepRow.Status.DONE, t);
          set(LinkStepRow.Step.SECRET, LinkStepRow.Status.DONE, t);
          break;
        case REQUEST:
          set(LinkStepRow.Step.REQUEST, LinkStepRow.Status.ACTIVE, "");
          break;
        default:
          break;
      }
      return;
    }
    switch (e.state()) {
      case QUEUED:
      case DELIVERED:
        set(LinkStepRow.Step.REQUEST, LinkStepRow.Status.DONE, t);
        set(LinkStepRow.Step.CONFIRM, LinkStepRow.Status.ACTIVE, "");
        break;
      case VERIFIED:
        set(LinkStepRow.Step.REQUEST, LinkStepRow.Status.DONE, statusTime(LinkStepRow.Step.REQUEST, t));
        set(LinkStepRow.Step.CONFIRM, LinkStepRow.Status.DONE, t);
        set(LinkStepRow.Step.LINKED, LinkStepRow.Status.ACTIVE, "");
        break;
      case LINKED:
        set(LinkStepRow.Step.CONFIRM, LinkStepRow.Status.DONE, statusTime(LinkStepRow.Step.CONFIRM, t));
        set(LinkStepRow.Step.LINKED, LinkStepRow.Status.DONE, t);
        break;
      default:
        break;
    }
  }

  private void finished(long mine, LinkRequestView result) {
    if (mine != attempt) {
      return;
    }
    if (result.linkState() == LinkState.LINKED) {
      running.set(false);
      nav.linked(result.printerId(), card.name());
      return;
    }
    String key = "link.reason." + result.linkState().name();
    String reason = ctx.texts().get(key);
    // REJECTED and EXPIRED say it all in our words; FAILED has several causes, so the relay's is quoted.
    if (result.linkState() == LinkState.FAILED && result.reason() != null && !result.reason().isBlank()) {
      reason = reason + " " + ctx.texts().get("link.reason.relaySaid", result.reason());
    }
    fail(mine, result.linkState() == LinkState.FAILED ? LinkStepRow.Step.LINKED : LinkStepRow.Step.CONFIRM, reason);
  }

  private void fail(long mine, LinkStepRow.Step step, String reason) {
    if (mine != attempt) {
      return;
    }
    String t = startedAt == null ? "" : time(ctx.clock().instant());
    set(step, LinkStepRow.Status.FAILED, t);
    String stepText = rows.get(step.ordinal()).text();
    failure.set(ctx.texts().get("link.failed", stepText, reason));
    failed.set(true);
    running.set(false);
  }

  private String reason(LinkException e, WizardConnection c) {
    String code = e.code() == null ? "" : e.code();
    switch (code) {
      case ExchangeException.UNREACHABLE:
        return ctx.texts().get("link.reason.unreachable", card.address(), c.coreConfig().lanConnectTimeout().toSeconds());
      case ExchangeException.REFUSED:
        return ctx.texts().get("link.reason.refused");
      case ExchangeException.BAD_ANSWER:
        return ctx.texts().get("link.reason.badAnswer", card.address(), e.reason());
      case ExchangeException.NOT_LAN:
        return ctx.texts().get("link.reason.notLan", card.address());
      case ErrorCodes.NOT_IN_DISCOVERY:
        return ctx.texts().get("link.reason.notInDiscovery");
      case ErrorCodes.MULTIPLE_IN_DISCOVERY:
        return ctx.texts().get("link.reason.multiple");
      case RelayException.UNREACHABLE:
      case RelayException.TIMEOUT:
      case RelayException.BAD_RESPONSE:
        return ctx.texts().get("link.reason.relay", e.reason());
      default:
        if (e.step() == LinkStep.WAIT) {
          return ctx.texts().get("link.reason.EXPIRED");
        }
        return e.code() != null && e.step() != LinkStep.EXCHANGE
            ? ctx.texts().get("link.reason.relay", ctx.texts().problem(new RelayException(e.code(), e.reason(), 0)))
            : e.reason();
    }
  }

  private static LinkStepRow.Step rowOf(LinkStep step) {
    switch (step) {
      case PROOF:
        return LinkStepRow.Step.SECRET;
      case REQUEST:
        return LinkStepRow.Step.REQUEST;
      case WAIT:
        return LinkStepRow.Step.CONFIRM;
      case DISCOVER:
      case EXCHANGE:
      default:
        return LinkStepRow.Step.CONTACT;
    }
  }

  private LinkStepRow row(LinkStepRow.Step step, String text) {
    return new LinkStepRow(step, text, LinkStepRow.Status.PENDING, "");
  }

  private void set(LinkStepRow.Step step, LinkStepRow.Status status, String time) {
    rows.set(step.ordinal(), rows.get(step.ordinal()).with(status, time));
  }

  private String statusTime(LinkStepRow.Step step, String fallback) {
    String existing = rows.get(step.ordinal()).time();
    return existing.isEmpty() ? fallback : existing;
  }

  private String time(Instant at) {
    long ms = Math.max(0, Duration.between(startedAt, at).toMillis());
    return ctx.texts().get("link.time", String.format(ctx.texts().bundle().getLocale(), "%.2f", ms / 1000.0));
  }
}
