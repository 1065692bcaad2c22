package io.printerlink.desktop.wizard;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The discover screen's view. */
final class DiscoverView implements ScreenView {
  private final DiscoverViewModel vm;

  @FXML private Region discoverPane;
  @FXML private Label discoverStatus;
  @FXML private Region discoverLooking;
  @FXML private Region discoverChecklist;
  @FXML private Label discoverChecklistVersion;
  @FXML private Region discoverHints;
  @FXML private Label discoverSeenFrom;
  @FXML private Region discoverCard;
  @FXML private Label discoverName;
  @FXML private Label discoverModel;
  @FXML private Label discoverAddress;
  @FXML private Label discoverAgentVersion;
  @FXML private Label discoverHost;
  @FXML private Label discoverWindowLeft;
  @FXML private Button discoverLink;
  @FXML private Label discoverProblem;
  @FXML private Button discoverCode;

  DiscoverView(DiscoverViewModel vm) {
    this.vm = vm;
  }

  @FXML
  private void initialize() {
    discoverStatus.textProperty().bind(vm.statusProperty());
    var state = vm.stateProperty();
    Views.showWhen(discoverLooking, state.isEqualTo(DiscoverViewModel.State.LOOKING)
        .or(state.isEqualTo(DiscoverViewModel.State.CHECKLIST)));
    Views.showWhen(discoverChecklist, state.isEqualTo(DiscoverViewModel.State.CHECKLIST));
    discoverChecklistVersion.setText(vm.versionHint());
    Views.showWhen(discoverHints, state.isEqualTo(DiscoverViewModel.State.HINTS));
    Views.text(discoverSeenFrom, vm.seenFromProperty());
    Views.showWhen(discoverCard, vm.printerProperty().isNotNull());
    discoverName.textProperty().bind(card(PrinterCard::name));
    discoverModel.textProperty().bind(card(PrinterCard::model));
    discoverAddress.textProperty().bind(card(PrinterCard::address));
    discoverAgentVersion.textProperty().bind(card(PrinterCard::agentVersion));
    discoverHost.textProperty().bind(card(PrinterCard::hostname));
    discoverWindowLeft.textProperty().bind(vm.windowLeftProperty());
    Views.text(discoverProblem, vm.problemProperty());
    Views.defaultWhen(discoverLink, discoverPane.visibleProperty().and(vm.printerProperty().isNotNull()));
    Views.defaultWhen(discoverCode, discoverPane.visibleProperty().and(vm.offerCodeProperty()));
    vm.offerCodeProperty().addListener((o, a, offer) -> {
      discoverCode.getStyleClass().remove("primary");
      if (offer) {
        discoverCode.getStyleClass().add("primary");
      }
    });
  }

  private StringBinding card(Function<PrinterCard, String> part) {
    return Bindings.createStringBinding(
        () -> vm.printerProperty().get() == null ? "" : part.apply(vm.printerProperty().get()), vm.printerProperty());
  }

  @Override
  public void focusFirst() {
    if (vm.printerProperty().get() != null) {
      discoverLink.requestFocus();
    } else {
      discoverCode.requestFocus();
    }
  }

  @FXML
  private void onLink() {
    vm.link();
  }

  @FXML
  private void onCode() {
    vm.useCode();
  }
}
