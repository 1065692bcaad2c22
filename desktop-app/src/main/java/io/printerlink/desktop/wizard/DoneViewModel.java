package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.api.RenamePrinterRequest;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The linked screen: says so, and lets the user give the printer a name of their own. */
public final class DoneViewModel {
  private final WizardContext ctx;
  private final Navigator nav;

  private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
  private final StringProperty name = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private String printerId;

  DoneViewModel(WizardContext ctx, Navigator nav) {
    this.ctx = ctx;
    this.nav = nav;
  }

  /** "Demo printer is linked to your account." */
  public ReadOnlyStringProperty headlineProperty() {
    return headline.getReadOnlyProperty();
  }

  /** The name field (editable). */
  public StringProperty nameProperty() {
    return name;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Shows the linked printer; says so when the relay lists it under another name. */
  void show(String id, String printerName) {
    printerId = id;
    headline.set(ctx.texts().get("done.headline", printerName));
    name.set(printerName);
    message.set("");
    WizardConnection c = nav.connection();
    if (c == null || id == null) {
      return;
    }
    ctx.background().execute(() -> {
      try {
        c.core().printers().printers().stream()
            .filter(p -> p.id().equals(id) && !p.name().equals(printerName))
            .findFirst()
            .ifPresent(p -> ctx.ui().execute(() -> {
              if (id.equals(printerId) && message.get().isEmpty()) {
                message.set(ctx.texts().get("done.relayName", p.name()));
              }
            }));
      } catch (RelayException e) {
        // only a hint: the screen works without it
      }
    });
  }

  /** Saves the name field as the printer's name on the relay. */
  public void rename() {
    WizardConnection c = nav.connection();
    String wanted = name.get() == null ? "" : name.get().strip();
    if (wanted.isEmpty() || wanted.length() > RenamePrinterRequest.MAX_NAME) {
      message.set(ctx.texts().get("done.badName", RenamePrinterRequest.MAX_NAME));
      return;
    }
    if (c == null || printerId == null || busy.get()) {
      return;
    }
    String id = printerId;
    busy.set(true);
    message.set("");
    ctx.background().execute(() -> {
      try {
        PrinterView renamed = c.core().rename(id, wanted);
        ctx.ui().execute(() -> {
          busy.set(false);
          name.set(renamed.name());
          headline.set(ctx.texts().get("done.headline", renamed.name()));
          message.set(ctx.texts().get("done.renamed", renamed.name()));
        });
      } catch (RelayException e) {
        ctx.ui().execute(() -> {
          busy.set(false);
          message.set(ctx.texts().get("done.renameFailed", ctx.texts().problem(e)));
        });
      }
    });
  }

  public void myPrinters() {
    nav.printers();
  }

  public void linkAnother() {
    nav.discover();
  }
}
