package io.printerlink.desktop.wizard;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Region;

/** The manual-code screen's view. */
final class CodeView implements ScreenView {
  private final CodeViewModel vm;

  @FXML private Region codePane;
  @FXML private Label codeDigits;
  @FXML private Button codeCopy;
  @FXML private Label codeCopied;
  @FXML private Label codeCountdown;
  @FXML private TextField codeCommand;
  @FXML private Label codeMessage;
  @FXML private Button codeNew;
  @FXML private Button codeBack;

  @FXML private java.util.ResourceBundle resources;

  CodeView(CodeViewModel vm) {
    this.vm = vm;
  }

  @FXML
  private void initialize() {
    Views.text(codeDigits, vm.codeProperty());

    codeCountdown.textProperty().bind(vm.countdownProperty());
    codeCommand.textProperty().bind(vm.commandProperty());
    Views.showWhen(codeCommand, vm.commandProperty().isNotEmpty());
    codeMessage.textProperty().bind(vm.messageProperty());
    var ended = vm.stateProperty().isEqualTo(CodeViewModel.State.EXPIRED)
        .or(vm.stateProperty().isEqualTo(CodeViewModel.State.FAILED));
    Views.showWhen(codeNew, ended);
    codeCopy.disableProperty().bind(vm.digitsProperty().isEmpty().or(ended)); // an ended code is no use at the printer
    ended.addListener((o, was, now) -> {
      if (now && codePane.isVisible()) {
        codeNew.requestFocus(); // else Enter would press the focused (now disabled) Copy, not New code
      }
    });
    Views.defaultWhen(codeNew, codePane.visibleProperty().and(ended));
    Views.defaultWhen(codeCopy, codePane.visibleProperty().and(ended.not()));
    vm.digitsProperty().addListener((o, a, b) -> {
      codeCopied.setText("");
      if (!b.isEmpty() && codePane.isVisible()) {
        codeCopy.requestFocus(); // the code arrived: Enter or Space copies it
      }
    });
  }

  @Override
  public void focusFirst() {
    codeCopy.requestFocus();
  }

  @FXML
  private void onCopy() {
    ClipboardContent content = new ClipboardContent();
    content.putString(vm.digitsProperty().get());
    Clipboard.getSystemClipboard().setContent(content);
    codeCopied.setText(resources.getString("code.copied"));
  }

  @FXML
  private void onNewCode() {
    vm.newCode();
  }

  @FXML
  private void onBack() {
    vm.back();
  }
}
