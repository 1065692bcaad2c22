package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.fx;
import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The linked screen: the printer is named, and renaming it (by keyboard) is saved on the relay. */
class DoneScreenTest extends WizardFxTest {
  @Test
  void renameTypedAndEnteredIsSavedOnTheRelayAndShownInMyPrinters(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> { });
    h.show(stage);
    h.linkFirstPrinter(robot, "alice");
    waitFor(() -> WizardHarness.focused(robot, "#doneName"));

    fx(() -> {
      WizardHarness.text(robot, "#doneName").clear();
      return null;
    });
    robot.write("Garage MK4");
    robot.type(KeyCode.ENTER);

    waitFor(() -> visible(robot, "#doneMessage") && WizardHarness.textNow(robot, "#doneMessage").startsWith("Saved"));
    assertThat(textOf(robot, "#doneMessage")).isEqualTo("Saved: the printer is now called Garage MK4.");
    assertThat(textOf(robot, "#doneHeadline")).isEqualTo("Garage MK4 is linked to your account.");
    String id = h.agents.get(0).status().printerId();
    assertThat(h.vm.connection().core().printers().printers())
        .filteredOn(p -> p.id().equals(id)).extracting(p -> p.name()).containsExactly("Garage MK4");
    robot.clickOn("#donePrinters");
    waitFor(() -> visible(robot, "#printerRow-" + id));
    assertThat(textOf(robot, "#printerRow-" + id + " .printer-name")).isEqualTo("Garage MK4");
  }
}
