package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.focused;
import static io.printerlink.desktop.wizard.WizardHarness.fx;
import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.embedded.EmbeddedEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The start screen: this computer is the default and needs no account; a relay needs sign-in,
 * which is remembered (token file 0600) so the next run continues without a password.
 */
class StartScreenTest extends WizardFxTest {
  @Test
  void firstRunDefaultsToThisComputerAndTheKeyboardAloneLinksTheDemoPrinter(FxRobot robot) throws Exception {
    h = new WizardHarness();
    h.show(stage);
    assertThat(fx(() -> robot.lookup("#startEmbedded").queryAs(RadioButton.class).isSelected())).isTrue();
    assertThat(visible(robot, "#startRemoteFields")).isFalse();
    waitFor(() -> focused(robot, "#startContinue"));

    long pressed = System.nanoTime();
    robot.type(KeyCode.ENTER);

    try {
      waitFor(60, () -> visible(robot, "#discoverCard"));
    } catch (Exception e) {
      h.shot(Path.of("target/shot-fail.png"));
      throw e;
    }
    assertThat(textOf(robot, "#discoverName")).isEqualTo("Demo printer");
    assertThat(textOf(robot, "#relayLabel")).isEqualTo("Demo mode: relay and demo printer running on this computer");
    waitFor(() -> focused(robot, "#discoverLink"));

    robot.type(KeyCode.ENTER);

    waitFor(60, () -> visible(robot, "#donePane"));
    assertThat(textOf(robot, "#doneHeadline")).isEqualTo("Demo printer is linked to your account.");
    LoggerFactory.getLogger(StartScreenTest.class).info("demo linked {} ms after the first Enter",
        (System.nanoTime() - pressed) / 1_000_000);
  }

  @Test
  void relaySignInIsRememberedWithATokenFileOnlyTheUserCanReadAndTheNextRunNeedsNoPassword(FxRobot robot)
      throws Exception {
    h = new WizardHarness().relay();
    h.show(stage);
    h.signUpOnRelay(robot, "alice");
    Path token = h.settings.folder().resolve(WizardSettings.TOKEN_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    assertThat(Files.readString(h.settings.folder().resolve(WizardSettings.SETTINGS_FILE)))
        .contains("username=alice").doesNotContain(WizardHarness.PASSWORD);

    h.show(stage);

    assertThat(fx(() -> robot.lookup("#startRemote").queryAs(RadioButton.class).isSelected())).isTrue();
    assertThat(WizardHarness.text(robot, "#startRelayUrl").getText()).isEqualTo(h.relay.httpUri().toString());
    assertThat(WizardHarness.text(robot, "#startUsername").getText()).isEqualTo("alice");
    assertThat(textOf(robot, "#startSavedSession")).startsWith("Signed in earlier as alice");
    robot.clickOn("#startContinue");
    waitFor(() -> visible(robot, "#discoverPane"));
    assertThat(h.vm.connection().core().session()).hasValueSatisfying(s -> assertThat(s.username()).isEqualTo("alice"));
  }

  @Test
  void aDemoRelayAlreadyRunningInAnotherWindowIsSaidInPlainWordsAndContinueWorksOnceItStops(FxRobot robot)
      throws Exception {
    h = new WizardHarness();
    EmbeddedEnvironment other = EmbeddedEnvironment.start(h.dir.resolve("embedded"), new SecureRandom());
    h.show(stage);
    waitFor(() -> focused(robot, "#startContinue"));

    robot.type(KeyCode.ENTER);

    waitFor(() -> visible(robot, "#startError"));
    assertThat(textOf(robot, "#startError")).isEqualTo("The demo relay on this computer is already in use by another "
        + "PrinterLink window or command. Close it, then press Continue again.");
    other.close();
    waitFor(() -> focused(robot, "#startContinue"));
    robot.type(KeyCode.ENTER);
    waitFor(60, () -> visible(robot, "#discoverCard"));
    assertThat(textOf(robot, "#discoverName")).isEqualTo("Demo printer");
  }

  @Test
  void wrongPasswordStaysOnStartAndSaysSoInPlainWords(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.show(stage);
    h.signUpOnRelay(robot, "alice");
    robot.clickOn("#headerSignOut");
    waitFor(() -> visible(robot, "#startPane"));
    fx(() -> {
      WizardHarness.text(robot, "#startPassword").setText("not the password");
      return null;
    });

    robot.clickOn("#startContinue");

    waitFor(() -> visible(robot, "#startError"));
    assertThat(textOf(robot, "#startError")).isEqualTo("Could not connect: wrong username or password");
    waitFor(() -> focused(robot, "#startPassword")); // cleared, and where the retry starts
    assertThat(visible(robot, "#startPane")).isTrue();
    assertThat(Files.exists(h.settings.folder().resolve(WizardSettings.TOKEN_FILE))).isFalse();
  }
}
