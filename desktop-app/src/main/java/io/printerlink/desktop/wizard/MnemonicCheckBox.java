package io.printerlink.desktop.wizard;

import javafx.event.ActionEvent;
import javafx.scene.control.CheckBox;

/**
 * A check box whose mnemonic (Alt+letter) ticks it, as on every desktop. JavaFX's mnemonic only
 * focuses a check box and sends it an action event, which does not change it; here that event is
 * turned into a real {@link #fire()} (an event from {@code fire()} itself passes unchanged).
 */
public final class MnemonicCheckBox extends CheckBox {
  private boolean firing;

  public MnemonicCheckBox() {
    addEventHandler(ActionEvent.ACTION, e -> {
      if (!firing) {
        e.consume();
        fire();
      }
    });
  }

  @Override
  public void fire() {
    firing = true;
    try {
      super.fire();
    } finally {
      firing = false;
    }
  }
}
