package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The link screen against a real relay and real agents: the steps tick live; failures say which step and why. */
@ExtendWith(ApplicationExtension.class)
class LinkScreenTest {
  private Stage stage;
  private WizardHarness h;

  @Start
  void start(Stage stage) {
    this.stage = stage;
  }

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void everyStepTicksWithItsTimeAndTheWizardMovesToLinked(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> { });
    h.show(stage);
    h.signUpOnRelay(robot, "alice");
    waitFor(() -> visible(robot, "#discoverCard"));

    robot.clickOn("#discoverLink");

    waitFor(() -> visible(robot, "#donePane"));
    h.shot(Path.of("target/shot-done.png"));
    assertThat(textOf(robot, "#doneHeadline")).isEqualTo("Workshop printer is linked to your account.");
    robot.clickOn("#headerPrinters");
    waitFor(() -> visible(robot, "#printerStatus-" + h.agents.get(0).status().printerId()));
    h.shot(Path.of("target/shot-printers.png"));
  }
}
