package io.printerlink.desktop.wizard;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/** The start screen's view. */
final class StartView implements ScreenView {
  private final StartViewModel vm;

  @FXML private Region startPane;
  @FXML private RadioButton startEmbedded;
  @FXML private RadioButton startRemote;
  @FXML private Region startRemoteFields;
  @FXML private TextField startRelayUrl;
  @FXML private TextField startUsername;
  @FXML private PasswordField startPassword;
  @FXML private CheckBox startCreateAccount;
  @FXML private Label startSavedSession;
  @FXML private Label startError;
  @FXML private Button startContinue;
  @FXML private ProgressIndicator startBusy;
  @FXML private Label startBusyLabel;

  StartView(StartViewModel vm) {
    this.vm = vm;
  }

  @FXML
  private void initialize() {
    startEmbedded.setSelected(vm.embeddedProperty().get());
    startRemote.setSelected(!vm.embeddedProperty().get());
    vm.embeddedProperty().addListener((o, a, b) -> {
      startEmbedded.setSelected(b);
      startRemote.setSelected(!b);
    });
    startEmbedded.selectedProperty().addListener((o, a, b) -> vm.embeddedProperty().set(b));
    Views.showWhen(startRemoteFields, vm.embeddedProperty().not());
    startRelayUrl.textProperty().bindBidirectional(vm.relayUrlProperty());
    startUsername.textProperty().bindBidirectional(vm.usernameProperty());
    startCreateAccount.selectedProperty().bindBidirectional(vm.createAccountProperty());
    Views.text(startSavedSession, vm.savedSessionProperty());
    Views.text(startError, vm.errorProperty());
    startContinue.disableProperty().bind(vm.busyProperty());
    Views.showWhen(startBusy, vm.busyProperty());
    Views.showWhen(startBusyLabel, vm.busyProperty());
    Views.defaultWhen(startContinue, startPane.visibleProperty());
  }

  @Override
  public void focusFirst() {
    (startEmbedded.isSelected() ? startEmbedded : startRelayUrl).requestFocus();
  }

  @FXML
  private void onContinue() {
    char[] password = startPassword.getText().toCharArray();
    startPassword.clear();
    vm.proceed(password);
  }
}
