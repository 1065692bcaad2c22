package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.fx;
import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.PrinterAgent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The discover screen against a real relay: live list, card, countdown, checklist, hints, several printers. */
class DiscoverScreenTest extends WizardFxTest {
  @Test
  void printerCardShowsNameModelAddressVersionAndALiveWindowCountdown(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    PrinterAgent agent = h.agent(b -> { });
    h.show(stage);
    h.signUpOnRelay(robot, "alice");

    waitFor(() -> visible(robot, "#discoverCard"));

    assertThat(textOf(robot, "#discoverName")).isEqualTo("Workshop printer");
    assertThat(textOf(robot, "#discoverModel")).isEqualTo("Prusa MK4");
    assertThat(textOf(robot, "#discoverAddress")).isEqualTo("127.0.0.1:" + agent.exchangePort());
    assertThat(textOf(robot, "#discoverAgentVersion")).isNotBlank();
    String first = textOf(robot, "#discoverWindowLeft");
    assertThat(first).matches("\\d+:\\d\\d left in its discovery window");
    waitFor(5, () -> !first.equals(WizardHarness.textNow(robot, "#discoverWindowLeft")));
    assertThat(fx(() -> robot.lookup("#discoverLink").queryButton().isDefaultButton())).isTrue();
  }

  @Test
  void aPrinterThatStartsLaterAppearsByItselfWithoutARefresh(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.show(stage);
    h.signUpOnRelay(robot, "carol");
    assertThat(visible(robot, "#discoverLooking")).isTrue();
    assertThat(visible(robot, "#discoverCard")).isFalse();

    h.agent(b -> b.name("Late printer"));

    waitFor(() -> visible(robot, "#discoverCard"));
    assertThat(textOf(robot, "#discoverName")).isEqualTo("Late printer");
    assertThat(visible(robot, "#discoverLooking")).isFalse();
  }

  @Test
  void nothingFoundShowsTheSpinnerThenTheChecklistThenTheLikelyReasonsAndTheCode(FxRobot robot) throws Exception {
    h = new WizardHarness().relay().config(new WizardConfig(
        Duration.ofMillis(1500), Duration.ofMillis(3500), Duration.ofMillis(100), Duration.ofSeconds(2)));
    h.show(stage);
    h.signUpOnRelay(robot, "dave");
    assertThat(visible(robot, "#discoverSpinner")).isTrue();
    assertThat(visible(robot, "#discoverChecklist")).isFalse();

    waitFor(10, () -> visible(robot, "#discoverChecklist"));
    assertThat(visible(robot, "#discoverSpinner")).isTrue();
    assertThat(textOf(robot, "#discoverChecklistVersion")).startsWith("The agent is version ");

    waitFor(10, () -> visible(robot, "#discoverHints"));
    assertThat(visible(robot, "#discoverChecklist")).isFalse();
    assertThat(textOf(robot, "#discoverStatus")).isEqualTo("No printer has shown up yet.");
    assertThat(textOf(robot, "#discoverSeenFrom")).isEqualTo("The relay sees this computer at 127.0.0.1.");
    assertThat(fx(() -> robot.lookup("#discoverCode").queryButton().isDefaultButton())).isTrue();
  }

  @Test
  void severalPrintersInDiscoveryShowNoneSayWhyAndOfferTheCode_C11(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> b.name("Printer A"));
    h.agent(b -> b.name("Printer B"));
    h.show(stage);
    h.signUpOnRelay(robot, "erin");

    waitFor(() -> WizardHarness.textNow(robot, "#discoverStatus").startsWith("Several printers are in discovery mode"));

    assertThat(visible(robot, "#discoverCard")).isFalse();
    assertThat(textOf(robot, "#discoverStatus")).contains("Restart discovery on just one printer, or link with a code.");
    assertThat(visible(robot, "#discoverCode")).isTrue();
    assertThat(fx(() -> robot.lookup("#discoverCode").queryButton().isDefaultButton())).isTrue();
  }
}
