package io.printerlink.desktop.wizard;

import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** "My printers": one row per printer with its live status and an unlink button; an inline confirmation. */
final class PrintersView implements ScreenView {
  private final PrintersViewModel vm;

  @FXML private Region printersPane;
  @FXML private VBox printersList;
  @FXML private Region printersConfirm;
  @FXML private Label printersConfirmText;
  @FXML private Button printersConfirmYes;
  @FXML private Label printersMessage;
  @FXML private Button printersAnother;

  @FXML private ResourceBundle resources;
  private boolean unlinking;

  PrintersView(PrintersViewModel vm) {
    this.vm = vm;
  }

  @FXML
  private void initialize() {
    vm.rows().addListener((ListChangeListener<PrinterRow>) c -> redraw());
    Views.showWhen(printersConfirm, vm.confirmingProperty().isNotNull());
    printersConfirmText.textProperty().bind(vm.confirmTextProperty());
    vm.confirmingProperty().addListener((o, was, row) -> {
      // Later, not now: a mnemonic (Alt+U) focuses its own button again after firing it.
      if (row != null) {
        Platform.runLater(printersConfirmYes::requestFocus);
      } else if (was != null) {
        Platform.runLater(() -> backFromConfirm(was));
      }
    });
    Views.defaultWhen(printersConfirmYes, printersPane.visibleProperty().and(vm.confirmingProperty().isNotNull()));
    Views.text(printersMessage, vm.messageProperty());
    redraw();
  }

  private void redraw() {
    printersList.getChildren().clear();
    for (PrinterRow row : vm.rows()) {
      Label name = new Label(row.name());
      name.getStyleClass().add("printer-name");
      Label model = new Label(row.model());
      model.getStyleClass().add("subtle");
      VBox what = new VBox(2, name, model);
      HBox.setHgrow(what, Priority.ALWAYS);
      what.setMaxWidth(Double.MAX_VALUE);
      Label status = new Label(resources.getString(row.online() ? "printers.online" : "printers.offline"));
      status.getStyleClass().add(row.online() ? "online" : "offline");
      status.setId("printerStatus-" + row.id());
      Button unlink = new Button(resources.getString("printers.unlink"));
      unlink.setId("printerUnlink-" + row.id());
      unlink.setOnAction(e -> vm.askUnlink(row));
      HBox line = new HBox(what, status, unlink);
      line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
      line.getStyleClass().add("printer-row");
      line.setId("printerRow-" + row.id());
      printersList.getChildren().add(line);
    }
  }

  /** After a confirmation: cancelled, back on that printer's Unlink button; confirmed (the row goes), on "Link a printer". */
  private void backFromConfirm(PrinterRow row) {
    boolean confirmed = unlinking;
    unlinking = false;
    if (!printersPane.isVisible()) {
      return;
    }
    Node unlink = confirmed ? null : printersList.lookup("#printerUnlink-" + row.id());
    (unlink != null ? unlink : printersAnother).requestFocus();
  }

  @Override
  public void focusFirst() {
    printersAnother.requestFocus();
  }

  @FXML
  private void onConfirm() {
    unlinking = true;
    vm.confirmUnlink();
  }

  @FXML
  private void onCancel() {
    vm.cancelUnlink();
  }

  @FXML
  private void onAnother() {
    vm.linkAnother();
  }
}
