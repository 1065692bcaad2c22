package io.printerlink.desktop.wizard;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The link screen's view: one row per step, redrawn as the view-model's rows change. */
final class LinkView implements ScreenView {
  private static final String[] ICONS = {"○", "…", "✓", "✗"};

  private final LinkViewModel vm;

  @FXML private Region linkPane;
  @FXML private Label linkTitle;
  @FXML private VBox linkSteps;
  @FXML private Label linkFailure;
  @FXML private Region linkActions;
  @FXML private Button linkRetry;
  @FXML private Button linkCode;

  LinkView(LinkViewModel vm) {
    this.vm = vm;
  }

  @FXML
  private void initialize() {
    linkTitle.textProperty().bind(vm.titleProperty());
    Views.text(linkFailure, vm.failureProperty());
    Views.showWhen(linkActions, vm.failedProperty());
    Views.defaultWhen(linkRetry, linkPane.visibleProperty().and(vm.failedProperty()));
    vm.rows().addListener((ListChangeListener<LinkStepRow>) c -> redraw());
    vm.failedProperty().addListener((o, a, failed) -> {
      if (failed) {
        linkRetry.requestFocus();
      }
    });
    redraw();
  }

  private void redraw() {
    linkSteps.getChildren().clear();
    for (LinkStepRow row : vm.rows()) {
      Label icon = new Label(ICONS[row.status().ordinal()]);
      icon.getStyleClass().add("step-icon");
      Label text = new Label(row.text());
      text.getStyleClass().add("step-text");
      text.setWrapText(true);
      text.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(text, Priority.ALWAYS);
      Label time = new Label(row.time());
      time.getStyleClass().add("step-time");
      time.setId("linkStepTime-" + row.step());
      HBox line = new HBox(icon, text, time);
      line.setId("linkStep-" + row.step());
      line.getStyleClass().addAll("step", "step-" + row.status());
      line.getProperties().put("status", row.status());
      linkSteps.getChildren().add(line);
    }
  }

  @Override
  public void focusFirst() {
    linkPane.requestFocus();
  }

  @FXML
  private void onRetry() {
    vm.retry();
  }

  @FXML
  private void onCode() {
    vm.useCode();
  }
}
