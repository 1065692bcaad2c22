package io.printerlink.desktop.wizard;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;

/** Small binding helpers shared by the screens' views. */
final class Views {
  private Views() {}

  /** Shown and laid out only while {@code condition} holds. */
  static void showWhen(Node node, ObservableBooleanValue condition) {
    node.visibleProperty().bind(condition);
    node.managedProperty().bind(node.visibleProperty());
  }

  /** Text bound to {@code text}, and hidden while it is empty. */
  static void text(Labeled label, ObservableStringValue text) {
    label.textProperty().bind(text);
    showWhen(label, javafx.beans.binding.Bindings.isNotEmpty(text));
  }

  /**
   * Enter fires {@code button} only while {@code condition} holds. Each screen's default button
   * is bound so, because a scene keeps a single Enter accelerator: the last default button set wins.
   */
  static void defaultWhen(Button button, ObservableBooleanValue condition) {
    button.defaultButtonProperty().bind(condition);
  }
}
