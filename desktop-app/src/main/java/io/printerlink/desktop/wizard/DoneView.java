package io.printerlink.desktop.wizard;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/** The linked screen's view. */
final class DoneView implements ScreenView {
  private final DoneViewModel vm;

  @FXML private Region donePane;
  @FXML private Label doneHeadline;
  @FXML private Label doneNameLabel;
  @FXML private TextField doneName;
  @FXML private Button doneRename;
  @FXML private Label doneMessage;

  DoneView(DoneViewModel vm) {
    this.vm = vm;
  }

  @FXML
  private void initialize() {
    doneHeadline.textProperty().bind(vm.headlineProperty());
    doneName.textProperty().bindBidirectional(vm.nameProperty());
    doneRename.disableProperty().bind(vm.busyProperty());
    Views.text(doneMessage, vm.messageProperty());
    Views.defaultWhen(doneRename, donePane.visibleProperty());
    doneNameLabel.setLabelFor(doneName); // Alt+N; in the FXML the field would not exist yet
  }

  @Override
  public void focusFirst() {
    doneName.requestFocus();
    doneName.selectAll();
  }

  @FXML
  private void onRename() {
    vm.rename();
  }

  @FXML
  private void onPrinters() {
    vm.myPrinters();
  }

  @FXML
  private void onAnother() {
    vm.linkAnother();
  }
}
