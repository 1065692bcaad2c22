package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.fx;
import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The link screen against a real relay and real agents: the steps tick live; failures say which step and why. */
class LinkScreenTest extends WizardFxTest {
  @Test
  void everyStepTicksLiveWithItsTimeThenTheWizardShowsLinked(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> { });
    h.show(stage);
    h.signUpOnRelay(robot, "alice");
    waitFor(() -> visible(robot, "#discoverCard"));
    List<String> seen = new CopyOnWriteArrayList<>();
    fx(() -> {
      VBox steps = robot.lookup("#linkSteps").queryAs(VBox.class);
      steps.getChildren().addListener((ListChangeListener<Node>) c -> seen.add(rowStates(steps)));
      return null;
    });

    robot.clickOn("#discoverLink");

    waitFor(() -> visible(robot, "#donePane"));
    assertThat(seen).contains(
        "ACTIVE PENDING PENDING PENDING PENDING",
        "DONE DONE ACTIVE PENDING PENDING",
        "DONE DONE DONE DONE DONE");
    assertThat(seen.get(seen.size() - 1)).isEqualTo("DONE DONE DONE DONE DONE");
    assertThat(textOf(robot, "#linkStep-CONTACT .step-text")).startsWith("Contacting the printer at 127.0.0.1:");
    for (LinkStepRow.Step step : LinkStepRow.Step.values()) {
      assertThat(textOf(robot, "#linkStepTime-" + step)).matches("\\d+\\.\\d\\d s");
    }
    assertThat(textOf(robot, "#doneHeadline")).isEqualTo("Workshop printer is linked to your account.");
  }

  @Test
  void unreachablePrinterNamesTheStepAndTheReasonAndOffersRetryAndTheCode_C04(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> b.advertiseHost("10.255.255.1"));
    h.show(stage);
    h.signUpOnRelay(robot, "bob");
    waitFor(() -> visible(robot, "#discoverCard"));

    robot.clickOn("#discoverLink");

    waitFor(() -> visible(robot, "#linkFailure"));
    assertThat(textOf(robot, "#linkFailure"))
        .startsWith("Contacting the printer at 10.255.255.1:")
        .contains("failed. The printer did not answer at 10.255.255.1:")
        .contains("within 3 s");
    assertThat(fx(() -> robot.lookup("#linkStep-CONTACT").query().getStyleClass())).contains("step-FAILED");
    assertThat(visible(robot, "#linkRetry")).isTrue();
    assertThat(visible(robot, "#linkCode")).isTrue();
    assertThat(fx(() -> robot.lookup("#linkRetry").queryButton().isDefaultButton())).isTrue();
  }

  @Test
  void relayGoneAfterTheSecretNamesTheRequestStepAndSaysRelayError(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> { });
    h.show(stage);
    h.signUpOnRelay(robot, "carol");
    waitFor(() -> visible(robot, "#discoverCard"));
    h.relay.close(); // the printer is still there on the LAN; the relay is not

    robot.clickOn("#discoverLink");

    waitFor(() -> visible(robot, "#linkFailure"));
    assertThat(textOf(robot, "#linkFailure")).startsWith("Link request sent: failed. Relay error: ");
    assertThat(fx(() -> robot.lookup("#linkStep-CONTACT").query().getStyleClass())).contains("step-DONE");
    assertThat(fx(() -> robot.lookup("#linkStep-SECRET").query().getStyleClass())).contains("step-DONE");
    assertThat(fx(() -> robot.lookup("#linkStep-REQUEST").query().getStyleClass())).contains("step-FAILED");
    assertThat(visible(robot, "#linkRetry")).isTrue();
    assertThat(visible(robot, "#linkCode")).isTrue();
  }

  private static String rowStates(VBox steps) {
    List<String> states = new ArrayList<>();
    for (Node row : steps.getChildren()) {
      states.add(String.valueOf(row.getProperties().get("status")));
    }
    return String.join(" ", states);
  }
}
