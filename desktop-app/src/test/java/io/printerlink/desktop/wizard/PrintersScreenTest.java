package io.printerlink.desktop.wizard;

import static io.printerlink.desktop.wizard.WizardHarness.textOf;
import static io.printerlink.desktop.wizard.WizardHarness.visible;
import static io.printerlink.desktop.wizard.WizardHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.PrinterAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** "My printers": online/offline pushed live by the relay, both ways; unlink only after a confirmation. */
class PrintersScreenTest extends WizardFxTest {
  @Test
  void statusFollowsThePrinterLiveAndUnlinkAsksFirst(FxRobot robot) throws Exception {
    h = new WizardHarness().relay();
    Path state = Files.createTempDirectory(h.dir, "agent-");
    PrinterAgent agent = h.agent(b -> b.stateDir(state));
    h.show(stage);
    h.linkFirstPrinter(robot, "alice");
    String id = agent.status().printerId();
    robot.clickOn("#headerPrinters");
    waitFor(() -> "Online".equals(WizardHarness.textNow(robot, "#printerStatus-" + id)));

    agent.close();

    waitFor(() -> "Offline".equals(WizardHarness.textNow(robot, "#printerStatus-" + id)));
    h.agent(b -> b.stateDir(state)); // the same printer starts again, still linked
    waitFor(() -> "Online".equals(WizardHarness.textNow(robot, "#printerStatus-" + id)));

    robot.clickOn("#printerUnlink-" + id);
    assertThat(visible(robot, "#printersConfirm")).isTrue();
    assertThat(textOf(robot, "#printersConfirmText")).startsWith("Unlink ")
        .endsWith("? It stops working with your account until it is linked again.");
    robot.clickOn("#printersConfirmNo");
    assertThat(visible(robot, "#printersConfirm")).isFalse();
    assertThat(h.vm.connection().core().printers().printers()).hasSize(1);

    robot.clickOn("#printerUnlink-" + id);
    robot.clickOn("#printersConfirmYes");

    waitFor(() -> !visible(robot, "#printerRow-" + id));
    assertThat(textOf(robot, "#printersMessage")).endsWith("was unlinked.");
    assertThat(h.vm.connection().core().printers().printers()).isEmpty();
  }
}
