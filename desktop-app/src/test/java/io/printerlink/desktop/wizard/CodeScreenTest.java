package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.textNow;
import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.AgentMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The manual-code screen over a real relay: a large code with a live countdown and the agent
 * command; running exactly that command (the real agent CLI) moves the wizard to Linked by itself.
 */
class CodeScreenTest extends WizardFxTest {
  @Test
  void theShownCommandRunAtThePrinterLinksItAndTheWizardMovesToLinkedByItself_C07(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.show(stage);
    h.signUpOnRelay(robot, "alice");

    robot.clickOn("#discoverCode");

    waitFor(() -> textNow(robot, "#codeDigits").matches("\\d{3} \\d{3}"));
    String digits = textOf(robot, "#codeDigits").replace(" ", "");
    String command = WizardHarness.text(robot, "#codeCommand").getText();
    assertThat(command).isEqualTo("java -jar printerlink-agent.jar link --code " + digits + " --relay " + h.relay.httpUri());
    String countdown = textOf(robot, "#codeCountdown");
    assertThat(countdown).matches("Expires in (10:00|9:5\\d)");
    waitFor(5, () -> !countdown.equals(textNow(robot, "#codeCountdown")));
    assertThat(visible(robot, "#codeCopy")).isTrue();

    List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")).subList(3, 8)); // after "java -jar printerlink-agent.jar"
    args.addAll(List.of("--state-dir", Files.createTempDirectory(h.dir, "coded-agent").toString(), "--name", "Attic printer"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = AgentMain.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    assertThat(exit).as("agent said: %s %s", out, err).isZero();

    waitFor(() -> visible(robot, "#donePane"));
    assertThat(textOf(robot, "#doneHeadline")).endsWith(" is linked to your account.");
    assertThat(h.vm.connection().core().printers().printers()).hasSize(1);
  }

  @Test
  void aCodeThatRunsOutSaysExpiredAndANewCodeIsOneKeyAway_C15(FxRobot robot) throws Exception {
    h = new WizardHarness().relay(b -> b.codeLife(java.time.Duration.ofSeconds(3)));
    h.show(stage);
    h.signUpOnRelay(robot, "gus");
    robot.clickOn("#discoverCode");
    waitFor(() -> textNow(robot, "#codeDigits").matches("\\d{3} \\d{3}"));
    String first = textOf(robot, "#codeDigits");

    waitFor(() -> "Expired".equals(textNow(robot, "#codeCountdown")));

    assertThat(textOf(robot, "#codeMessage")).isEqualTo("The code expired. Get a new one.");
    assertThat(visible(robot, "#codeNew")).isTrue();
    assertThat(WizardHarness.fx(() -> robot.lookup("#codeNew").queryButton().isDefaultButton())).isTrue();
    assertThat(WizardHarness.fx(() -> robot.lookup("#codeCopy").queryButton().isDisabled())).isTrue();
    waitFor(() -> WizardHarness.focused(robot, "#codeNew"));
    robot.type(javafx.scene.input.KeyCode.ENTER);
    waitFor(() -> textNow(robot, "#codeCountdown").matches("Expires in 0:0\\d"));
    assertThat(textOf(robot, "#codeDigits")).matches("\\d{3} \\d{3}").isNotEqualTo(first);
  }
}
