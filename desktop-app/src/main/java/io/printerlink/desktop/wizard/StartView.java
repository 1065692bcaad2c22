package io.printerlink.desktop.wizard;

import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;

/** The start screen's view. */
final class StartView implements ScreenView {
  private final StartViewModel vm;

  @FXML private Region startPane;
  @FXML private RadioButton startEmbedded;
  @FXML private RadioButton startRemote;
  @FXML private Region startRemoteFields;
  @FXML private Label startRelayUrlLabel;
  @FXML private Label startUsernameLabel;
  @FXML private Label startPasswordLabel;
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
    // Continue was disabled while connecting, which moved the focus away; after a failure put it back
    // where the fix starts: the (cleared) password for a relay, Continue for this computer.
    vm.busyProperty().addListener((o, was, busy) -> {
      if (!busy && startPane.isVisible()) {
        (startEmbedded.isSelected() ? startContinue : startPassword).requestFocus();
      }
    });
    // Set here, not in the FXML: there a label's labelFor="$field" comes before the field and is null.
    startRelayUrlLabel.setLabelFor(startRelayUrl);
    startUsernameLabel.setLabelFor(startUsername);
    startPasswordLabel.setLabelFor(startPassword);
    // A radio button's mnemonic (Alt+T, Alt+R) chooses it; JavaFX's own only focuses it.
    startEmbedded.addEventHandler(ActionEvent.ACTION, e -> startEmbedded.setSelected(true));
    startRemote.addEventHandler(ActionEvent.ACTION, e -> startRemote.setSelected(true));
    // Enter continues from the choices too (on Linux JavaFX lets Enter toggle a focused check box).
    startEmbedded.addEventFilter(KeyEvent.KEY_PRESSED, this::enterContinues);
    startRemote.addEventFilter(KeyEvent.KEY_PRESSED, this::enterContinues);
    startCreateAccount.addEventFilter(KeyEvent.KEY_PRESSED, this::enterContinues);
  }

  private void enterContinues(KeyEvent e) {
    if (e.getCode() == KeyCode.ENTER && !e.isAltDown() && !e.isControlDown() && !e.isShiftDown() && !e.isMetaDown()) {
      e.consume();
      if (!startContinue.isDisabled()) {
        startContinue.fire();
      }
    }
  }

  @Override
  public void focusFirst() {
    // the default choice is already made: Enter (or Space) continues; Tab reaches the choices
    (startEmbedded.isSelected() || !startRelayUrl.getText().isEmpty() ? startContinue : startRelayUrl).requestFocus();
  }

  @FXML
  private void onContinue() {
    char[] password = startPassword.getText().toCharArray();
    startPassword.clear();
    vm.proceed(password);
  }
}
