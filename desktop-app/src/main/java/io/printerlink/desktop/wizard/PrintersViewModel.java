package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.ws.PrinterStatus;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "My printers": the account's printers with online/offline kept live by the relay's
 * {@code printer} events, and unlink after a confirmation.
 */
public final class PrintersViewModel {
  private final WizardContext ctx;
  private final Navigator nav;

  private final ObservableList<PrinterRow> rows = FXCollections.observableArrayList();
  private final ObservableList<PrinterRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyObjectWrapper<PrinterRow> confirming = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper confirmText = new ReadOnlyStringWrapper("");

  PrintersViewModel(WizardContext ctx, Navigator nav) {
    this.ctx = ctx;
    this.nav = nav;
  }

  public ObservableList<PrinterRow> rows() {
    return rowsView;
  }

  /** The printer whose unlink awaits confirmation, or null. */
  public ReadOnlyObjectProperty<PrinterRow> confirmingProperty() {
    return confirming.getReadOnlyProperty();
  }

  /** "Unlink Demo printer? ..." while a confirmation is asked. */
  public ReadOnlyStringProperty confirmTextProperty() {
    return confirmText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Shows the screen: loads the list (later changes arrive as events). */
  void start() {
    confirming.set(null);
    message.set("");
    WizardConnection c = nav.connection();
    if (c == null) {
      return;
    }
    ctx.background().execute(() -> {
      try {
        PrintersResponse list = c.core().printers();
        List<PrinterRow> loaded = new ArrayList<>();
        list.printers().forEach(p -> loaded.add(PrinterRow.of(p)));
        ctx.ui().execute(() -> {
          rows.setAll(loaded);
          message.set(loaded.isEmpty() ? ctx.texts().get("printers.none") : "");
        });
      } catch (RelayException e) {
        ctx.ui().execute(() -> message.set(ctx.texts().get("printers.error", ctx.texts().problem(e))));
      }
    });
  }

  /** A printer went online or offline. UI thread. */
  void onStatus(PrinterStatus status) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).id().equals(status.printerId())) {
        rows.set(i, rows.get(i).withOnline(status.online()));
      }
    }
  }

  /** First step of unlinking: ask. */
  public void askUnlink(PrinterRow row) {
    if (row != null) {
      confirming.set(row);
      confirmText.set(ctx.texts().get("printers.confirm", row.name()));
      message.set("");
    }
  }

  public void cancelUnlink() {
    confirming.set(null);
    confirmText.set("");
  }

  /** Second step: unlink the printer awaiting confirmation (its token is revoked at once). */
  public void confirmUnlink() {
    PrinterRow row = confirming.get();
    WizardConnection c = nav.connection();
    if (row == null || c == null) {
      return;
    }
    cancelUnlink();
    ctx.background().execute(() -> {
      try {
        c.core().unlink(row.id());
        ctx.ui().execute(() -> {
          rows.removeIf(r -> r.id().equals(row.id()));
          message.set(ctx.texts().get("printers.unlinked", row.name()));
        });
      } catch (RelayException e) {
        ctx.ui().execute(() -> message.set(ctx.texts().get("printers.unlinkFailed", row.name(), ctx.texts().problem(e))));
      }
    });
  }

  public void linkAnother() {
    nav.discover();
  }
}
