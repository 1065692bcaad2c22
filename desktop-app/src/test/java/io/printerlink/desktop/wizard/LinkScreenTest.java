package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.fx;
import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
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
        .contains("failed. This computer could not reach the printer at 10.255.255.1:")
        .contains("(it tries for up to 3 s)");
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

  @Test
  void aPrinterThatRefusesTheExchangeSaysRefusedAndOffersRetryAndTheCode(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> b.peerPolicy(peer -> false)); // the real agent answers this computer with its bare 403
    h.show(stage);
    h.signUpOnRelay(robot, "dana");
    waitFor(() -> visible(robot, "#discoverCard"));

    robot.clickOn("#discoverLink");

    waitFor(() -> visible(robot, "#linkFailure"));
    assertThat(textOf(robot, "#linkFailure")).matches("Contacting the printer at 127\\.0\\.0\\.1:\\d+: failed\\. "
        + "The printer refused: its discovery window may have closed\\. Restart discovery on the printer and try again\\.");
    assertThat(fx(() -> robot.lookup("#linkStep-CONTACT").query().getStyleClass())).contains("step-FAILED");
    assertRetryAndCodeOffered(robot);
  }

  @Test
  void aProofThePrinterCannotMatchIsRejectedAtTheConfirmStep_T08(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    LanStandIns.WrongSecretExchange impostor = h.closeLater(new LanStandIns.WrongSecretExchange());
    h.agent(b -> b.advertiseHost("127.0.0.1:" + impostor.port())); // the secret comes from the impostor
    h.show(stage);
    h.signUpOnRelay(robot, "erik");
    waitFor(() -> visible(robot, "#discoverCard"));

    robot.clickOn("#discoverLink");

    waitFor(() -> visible(robot, "#linkFailure"));
    assertThat(textOf(robot, "#linkFailure")).isEqualTo("Printer confirming: failed. The printer rejected the link "
        + "(the proof did not match) and ended its discovery window. Restart discovery on the printer.");
    assertThat(states(robot)).isEqualTo("DONE DONE DONE FAILED PENDING");
    assertRetryAndCodeOffered(robot);
    assertThat(h.vm.connection().core().printers().printers()).isEmpty();
  }

  @Test
  void aPrinterWhoseAnswerNeverReachesTheRelayExpiresAtTheConfirmStep(FxRobot robot) throws Exception {
    h = new WizardHarness().relay(b -> b.linkRequestExpiry(Duration.ofMillis(1500)));
    LanStandIns.StallableUplink uplink = h.closeLater(new LanStandIns.StallableUplink(h.relay.httpUri().getPort()));
    h.agent(b -> b.relayUri(URI.create("http://127.0.0.1:" + uplink.port() + "/")));
    h.show(stage);
    h.signUpOnRelay(robot, "fay");
    waitFor(() -> visible(robot, "#discoverCard"));
    uplink.holdAgentToRelay(); // the printer hears "verify" but its answer never arrives

    robot.clickOn("#discoverLink");

    waitFor(() -> visible(robot, "#linkFailure"));
    assertThat(textOf(robot, "#linkFailure")).isEqualTo("Printer confirming: failed. The printer did not answer in time "
        + "(expired): no answer from it reached the relay. Check that the printer is still on and online, restart "
        + "discovery on it and try again, or use a code.");
    assertThat(states(robot)).isEqualTo("DONE DONE DONE FAILED PENDING");
    assertThat(textOf(robot, "#linkStepTime-CONFIRM")).matches("\\d+\\.\\d\\d s");
    assertRetryAndCodeOffered(robot);
  }

  private static void assertRetryAndCodeOffered(FxRobot robot) throws Exception {
    assertThat(visible(robot, "#linkRetry")).isTrue();
    assertThat(visible(robot, "#linkCode")).isTrue();
    assertThat(fx(() -> robot.lookup("#linkRetry").queryButton().isDefaultButton())).isTrue();
  }

  private static String states(FxRobot robot) throws Exception {
    return fx(() -> rowStates(robot.lookup("#linkSteps").queryAs(VBox.class)));
  }

  private static String rowStates(VBox steps) {
    List<String> states = new ArrayList<>();
    for (Node row : steps.getChildren()) {
      states.add(String.valueOf(row.getProperties().get("status")));
    }
    return String.join(" ", states);
  }
}
