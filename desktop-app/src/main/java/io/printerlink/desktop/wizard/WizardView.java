package io.printerlink.desktop.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * The wizard's shell view: header, and one included FXML view per screen, shown by the shell
 * view-model's screen. Views only bind to their view-models and forward user actions.
 */
public final class WizardView {
  /** The text bundle of the wizard. */
  public static final String BUNDLE = "io.printerlink.desktop.wizard.messages";

  private final WizardViewModel viewModel;
  private final Map<Screen, ScreenView> views = new EnumMap<>(Screen.class);

  @FXML private Label relayLabel;
  @FXML private Button headerPrinters;
  @FXML private Button headerSignOut;
  @FXML private Region start;
  @FXML private Region discover;
  @FXML private Region link;
  @FXML private Region code;
  @FXML private Region done;
  @FXML private Region printers;
  @FXML private StartView startController;
  @FXML private DiscoverView discoverController;
  @FXML private LinkView linkController;
  @FXML private CodeView codeController;
  @FXML private DoneView doneController;
  @FXML private PrintersView printersController;

  private WizardView(WizardViewModel viewModel) {
    this.viewModel = viewModel;
  }

  /** Loads the shell and its screens, each with its own view-model, and returns the root. */
  public static Parent load(WizardViewModel viewModel, ResourceBundle texts) {
    FXMLLoader loader = new FXMLLoader(WizardView.class.getResource("WizardView.fxml"), texts);
    loader.setControllerFactory(type -> controller(type, viewModel));
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the wizard's view", e);
    }
  }

  private static Object controller(Class<?> type, WizardViewModel vm) {
    if (type == WizardView.class) {
      return new WizardView(vm);
    } else if (type == StartView.class) {
      return new StartView(vm.start());
    } else if (type == DiscoverView.class) {
      return new DiscoverView(vm.discoverScreen());
    } else if (type == LinkView.class) {
      return new LinkView(vm.linkScreen());
    } else if (type == CodeView.class) {
      return new CodeView(vm.codeScreen());
    } else if (type == DoneView.class) {
      return new DoneView(vm.doneScreen());
    } else if (type == PrintersView.class) {
      return new PrintersView(vm.printersScreen());
    }
    throw new IllegalArgumentException("no controller " + type.getName());
  }

  @FXML
  private void initialize() {
    Views.text(relayLabel, viewModel.relayDescriptionProperty());
    Views.showWhen(headerPrinters, viewModel.connectedProperty());
    Views.showWhen(headerSignOut, viewModel.connectedProperty());
    screen(Screen.START, start, startController);
    screen(Screen.DISCOVER, discover, discoverController);
    screen(Screen.LINK, link, linkController);
    screen(Screen.CODE, code, codeController);
    screen(Screen.DONE, done, doneController);
    screen(Screen.PRINTERS, printers, printersController);
    viewModel.screenProperty().addListener((o, was, now) -> focus(now));
    focus(viewModel.screenProperty().get());
  }

  private void screen(Screen s, Region pane, ScreenView view) {
    Views.showWhen(pane, viewModel.screenProperty().isEqualTo(s));
    views.put(s, view);
  }

  private void focus(Screen s) {
    ScreenView v = views.get(s);
    if (v != null) {
      Platform.runLater(v::focusFirst);
    }
  }

  @FXML
  private void onPrinters() {
    viewModel.printers();
  }

  @FXML
  private void onSignOut() {
    viewModel.signOut();
  }
}
