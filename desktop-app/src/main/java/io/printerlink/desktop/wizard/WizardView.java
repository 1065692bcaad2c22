package io.printerlink.desktop.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The wizard's view: FXML + CSS beside it; it only binds to the view-model and forwards clicks. */
public final class WizardView {
  /** The text bundle of the wizard. */
  public static final String BUNDLE = "io.printerlink.desktop.wizard.messages";

  private final WizardViewModel viewModel;

  @FXML private Label relayLabel;
  @FXML private VBox startingPane;
  @FXML private VBox signInPane;
  @FXML private VBox discoverPane;
  @FXML private VBox linkingPane;
  @FXML private VBox linkedPane;
  @FXML private VBox failedPane;
  @FXML private TextField usernameField;
  @FXML private PasswordField passwordField;
  @FXML private Button signInButton;
  @FXML private Label discoveryStatus;
  @FXML private VBox printerCard;
  @FXML private Label printerName;
  @FXML private Label printerModel;
  @FXML private Label printerAddress;
  @FXML private Label agentVersion;
  @FXML private Label printerHost;
  @FXML private Button linkButton;
  @FXML private Label linkedLabel;
  @FXML private Label errorLabel;
  @FXML private ListView<String> statusList;

  private WizardView(WizardViewModel viewModel) {
    this.viewModel = viewModel;
  }

  /** Loads the FXML with this view as its controller and returns the root. */
  public static Parent load(WizardViewModel viewModel, ResourceBundle texts) {
    FXMLLoader loader = new FXMLLoader(WizardView.class.getResource("WizardView.fxml"), texts);
    loader.setControllerFactory(type -> new WizardView(viewModel));
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the wizard's view", e);
    }
  }

  @FXML
  private void initialize() {
    relayLabel.textProperty().bind(viewModel.relayDescriptionProperty());
    showOn(startingPane, Screen.STARTING);
    showOn(signInPane, Screen.SIGN_IN);
    showOn(discoverPane, Screen.DISCOVER);
    showOn(linkingPane, Screen.LINKING);
    showOn(linkedPane, Screen.LINKED);
    showOn(failedPane, Screen.FAILED);

    usernameField.textProperty().bindBidirectional(viewModel.usernameProperty());
    signInButton.disableProperty().bind(viewModel.busyProperty());

    discoveryStatus.textProperty().bind(viewModel.discoveryStatusProperty());
    printerCard.visibleProperty().bind(viewModel.printerProperty().isNotNull());
    printerCard.managedProperty().bind(printerCard.visibleProperty());
    printerName.textProperty().bind(cardText(c -> c.name()));
    printerModel.textProperty().bind(cardText(c -> c.model()));
    printerAddress.textProperty().bind(cardText(c -> c.address()));
    agentVersion.textProperty().bind(cardText(c -> c.agentVersion()));
    printerHost.textProperty().bind(cardText(c -> c.hostname()));
    linkButton.disableProperty().bind(viewModel.canLinkBinding().not());

    linkedLabel.textProperty().bind(viewModel.linkedTextProperty());
    errorLabel.textProperty().bind(viewModel.errorProperty());
    errorLabel.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    errorLabel.managedProperty().bind(errorLabel.visibleProperty());
    statusList.setItems(viewModel.statusLines());
    statusList.visibleProperty().bind(Bindings.isNotEmpty(viewModel.statusLines()));
    statusList.managedProperty().bind(statusList.visibleProperty());
  }

  private javafx.beans.binding.StringBinding cardText(java.util.function.Function<PrinterCard, String> part) {
    return Bindings.createStringBinding(
        () -> viewModel.printerProperty().get() == null ? "" : part.apply(viewModel.printerProperty().get()),
        viewModel.printerProperty());
  }

  private void showOn(Region pane, Screen screen) {
    pane.visibleProperty().bind(viewModel.screenProperty().isEqualTo(screen));
    pane.managedProperty().bind(pane.visibleProperty());
  }

  @FXML
  private void onSignIn() {
    char[] password = passwordField.getText().toCharArray();
    passwordField.clear();
    viewModel.signIn(password);
  }

  @FXML
  private void onLink() {
    viewModel.link();
  }

  @FXML
  private void onRetry() {
    viewModel.retry();
  }
}
