package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.focused;
import static io.printerlink.desktop.wizard.WizardHarness.fx;
import static io.printerlink.desktop.wizard.WizardHarness.textNow;
import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.PrinterAgent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.RadioButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.Mnemonic;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * Keyboard alone: every Alt+letter shown does what it says on the screen it is shown on (a radio
 * button is chosen, a check box ticked, a field label focuses its field, a button acts), Enter
 * continues, Escape cancels, and focus lands where the next step is.
 */
class KeyboardTest extends WizardFxTest {
  private static final List<String> SCREENS =
      List.of("startPane", "discoverPane", "linkPane", "codePane", "donePane", "printersPane");

  @Test
  void eachMnemonicLetterHasOneCaseInTheWindowAndOneTargetPerScreen(FxRobot robot) throws Exception {
    h = new WizardHarness();
    h.show(stage);

    Map<String, Set<String>> casesByLetter = new HashMap<>();
    Map<String, Map<String, Set<Node>>> targetsByScreen = new HashMap<>();
    fx(() -> {
      for (Map.Entry<KeyCombination, javafx.collections.ObservableList<Mnemonic>> e : h.scene.getMnemonics().entrySet()) {
        String written = e.getKey().getName().replace("Alt+", "").replace("'", "");
        String letter = written.toUpperCase(Locale.ROOT);
        casesByLetter.computeIfAbsent(letter, k -> new LinkedHashSet<>()).add(written);
        for (Mnemonic m : e.getValue()) {
          String screen = screenOf(m.getNode());
          for (String s : screen == null ? SCREENS : List.of(screen)) {
            targetsByScreen.computeIfAbsent(s, k -> new HashMap<>())
                .computeIfAbsent(letter, k -> new LinkedHashSet<>()).add(m.getNode());
          }
        }
      }
      return null;
    });

    casesByLetter.forEach((letter, cases) -> assertThat(cases)
        .as("Alt+%s is written in one case only (JavaFX looks up only the first matching entry)", letter).hasSize(1));
    assertThat(targetsByScreen.keySet()).containsExactlyInAnyOrderElementsOf(SCREENS);
    targetsByScreen.forEach((screen, letters) -> letters.forEach((letter, nodes) -> assertThat(describe(nodes))
        .as("Alt+%s on %s", letter, screen).hasSize(1)));
  }

  @Test
  void theKeyboardAloneSignsUpLinksOpensMyPrintersAndUnlinksWithConfirmation(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    PrinterAgent agent = h.agent(b -> { });
    h.show(stage);
    waitFor(() -> focused(robot, "#startContinue"));

    alt(robot, KeyCode.R);
    waitFor(() -> visible(robot, "#startRemoteFields"));
    assertThat(fx(() -> robot.lookup("#startRemote").queryAs(RadioButton.class).isSelected())).isTrue();
    alt(robot, KeyCode.A);
    waitFor(() -> focused(robot, "#startRelayUrl"));
    robot.write(h.relay.httpUri().toString());
    robot.type(KeyCode.TAB);
    waitFor(() -> focused(robot, "#startUsername"));
    robot.write("kim");
    alt(robot, KeyCode.P);
    waitFor(() -> focused(robot, "#startPassword"));
    robot.write(WizardHarness.PASSWORD);
    alt(robot, KeyCode.W);
    waitFor(() -> focused(robot, "#startCreateAccount"));
    assertThat(fx(() -> robot.lookup("#startCreateAccount").queryAs(CheckBox.class).isSelected())).isTrue();

    robot.type(KeyCode.ENTER); // on the check box: continues, does not untick it

    waitFor(() -> visible(robot, "#discoverCard"));
    waitFor(() -> focused(robot, "#discoverLink"));
    robot.type(KeyCode.ENTER);
    waitFor(() -> visible(robot, "#donePane"));
    waitFor(() -> focused(robot, "#doneName"));

    alt(robot, KeyCode.M);

    String id = agent.status().printerId();
    waitFor(() -> "Online".equals(textNow(robot, "#printerStatus-" + id)));
    alt(robot, KeyCode.U);
    waitFor(() -> visible(robot, "#printersConfirm"));
    waitFor(() -> focused(robot, "#printersConfirmYes"));
    robot.type(KeyCode.ESCAPE);
    waitFor(() -> !visible(robot, "#printersConfirm"));
    waitFor(() -> focused(robot, "#printerUnlink-" + id));
    alt(robot, KeyCode.U);
    waitFor(() -> focused(robot, "#printersConfirmYes"));
    robot.type(KeyCode.ENTER);
    waitFor(() -> textNow(robot, "#printersMessage").endsWith("was unlinked."));
    waitFor(() -> focused(robot, "#printersAnother"));
    assertThat(visible(robot, "#printerRow-" + id)).isFalse();
  }

  @Test
  void theCodeScreenIsReachedCopiedAndLeftByKeyboard(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    h.show(stage);
    h.signUpOnRelay(robot, "lee");

    alt(robot, KeyCode.U);

    waitFor(() -> textNow(robot, "#codeDigits").matches("\\d{3} \\d{3}"));
    waitFor(() -> focused(robot, "#codeCopy"));
    alt(robot, KeyCode.C);
    waitFor(() -> "Copied.".equals(textNow(robot, "#codeCopied")));
    String digits = textOf(robot, "#codeDigits").replace(" ", "");
    assertThat(fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).isEqualTo(digits);
    alt(robot, KeyCode.B);
    waitFor(() -> visible(robot, "#discoverPane"));
  }

  /** Alt+key, as a user presses it. */
  private static void alt(FxRobot robot, KeyCode key) {
    robot.push(KeyCode.ALT, key);
  }

  /** The screen pane a node is on, or null for the header (shown with every screen). */
  private static String screenOf(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      if (n.getId() != null && SCREENS.contains(n.getId())) {
        return n.getId();
      }
    }
    return null;
  }

  private static List<String> describe(Set<Node> nodes) {
    List<String> out = new ArrayList<>();
    nodes.forEach(n -> out.add(n instanceof Labeled l ? l.getText() : String.valueOf(n)));
    return out;
  }
}
