package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.focused;
import static io.printerlink.desktop.wizard.WizardHarness.textNow;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Renders the README's screenshots from the real app, headless, into {@code docs/screenshots}.
 * Run with {@code mvn -B -pl desktop-app -am verify -Pscreenshots} (excluded from the normal build).
 */
@Tag("screenshots")
class ScreenshotsTest extends WizardFxTest {
  private static Path out(String name) {
    return Path.of(System.getProperty("screenshots.dir", "target/screenshots")).resolve(name);
  }

  @Test
  void demoFlow(FxRobot robot) throws Exception {
    h = new WizardHarness();
    h.show(stage);
    waitFor(() -> focused(robot, "#startContinue"));
    h.shot(out("1-start.png"));
    robot.type(KeyCode.ENTER);
    waitFor(60, () -> visible(robot, "#discoverCard") && focused(robot, "#discoverLink"));
    h.shot(out("2-discover.png"));
    robot.type(KeyCode.ENTER);
    waitFor(60, () -> visible(robot, "#donePane") && focused(robot, "#doneName"));
    h.shot(out("5-done.png"));
    robot.write("Workshop MK4");
    robot.type(KeyCode.ENTER);
    waitFor(() -> textNow(robot, "#doneMessage").startsWith("Saved"));
    robot.clickOn("#donePrinters");
    waitFor(() -> textNow(robot, "#printersList .online").equals("Online"));
    h.shot(out("6-printers.png"));
    assertThat(Files.size(out("6-printers.png"))).isPositive();
  }

  @Test
  void noPrinterThenCode(FxRobot robot) throws Exception {
    h = new WizardHarness().relay().config(new WizardConfig(
        Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(100), Duration.ofSeconds(2)));
    h.show(stage);
    h.signUpOnRelay(robot, "alice");
    waitFor(() -> visible(robot, "#discoverHints"));
    h.shot(out("3-no-printer.png"));
    robot.clickOn("#discoverCode");
    waitFor(() -> textNow(robot, "#codeDigits").matches("\\d{3} \\d{3}"));
    h.shot(out("7-code.png"));
  }

  @Test
  void linkFailure(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> b.advertiseHost("10.255.255.1"));
    h.show(stage);
    h.signUpOnRelay(robot, "bob");
    waitFor(() -> visible(robot, "#discoverCard"));
    robot.clickOn("#discoverLink");
    waitFor(() -> visible(robot, "#linkFailure"));
    h.shot(out("4-link-failed.png"));
  }

  @Test
  void severalPrinters(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.agent(b -> b.name("Printer A"));
    h.agent(b -> b.name("Printer B"));
    h.show(stage);
    h.signUpOnRelay(robot, "carol");
    waitFor(() -> textNow(robot, "#discoverStatus").startsWith("Several printers"));
    h.shot(out("8-several-printers.png"));
  }
}
