package io.printerlink.desktop.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.desktop.core.CoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard end to end, headless (Monocle): embedded relay + demo agent, the user clicks
 * "Link this printer" and sees "Linked". Nodes are found by id, never by coordinates.
 */
@ExtendWith(ApplicationExtension.class)
class WizardRealEnvTest {
  private ExecutorService background;
  private WizardViewModel viewModel;
  private Path data;

  @Start
  void start(Stage stage) throws Exception {
    data = Files.createTempDirectory("printerlink-wizard-test");
    background = Executors.newCachedThreadPool();
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemDefaultZone();
    ResourceBundle texts = ResourceBundle.getBundle(WizardView.BUNDLE);
    CoreConfig config = CoreConfig.defaults();
    viewModel =
        new WizardViewModel(
            new DesktopBackend(null, data, config, clock, System::nanoTime, random, background),
            background, Platform::runLater, clock, texts);
    stage.setScene(new Scene(WizardView.load(viewModel, texts)));
    stage.show();
    viewModel.start();
  }

  @AfterEach
  void stop() throws Exception {
    viewModel.close();
    background.shutdown();
    background.awaitTermination(10, TimeUnit.SECONDS);
    try (java.util.stream.Stream<Path> walk = Files.walk(data)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void userLinksTheDemoPrinterAndSeesLinked(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
      Node button = robot.lookup("#linkButton").query();
      return showing(robot, "#discoverPane") && showing(robot, "#printerCard") && !button.isDisabled();
    });
    assertThat(robot.lookup("#printerName").queryAs(Label.class).getText()).isEqualTo("Demo printer");
    assertThat(robot.lookup("#printerModel").queryAs(Label.class).getText()).isEqualTo("PrinterLink demo");

    robot.clickOn("#linkButton");

    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> showing(robot, "#linkedPane"));
    assertThat(robot.lookup("#linkedLabel").queryAs(Label.class).getText()).isEqualTo("Linked: Demo printer");
    @SuppressWarnings("unchecked")
    ListView<String> states = robot.lookup("#statusList").queryAs(ListView.class);
    assertThat(states.getItems()).last().asString().endsWith("Linked");
  }

  /** The pane's own visibility (screens are switched by hiding panes, not by removing them). */
  private static boolean showing(FxRobot robot, String id) {
    return robot.lookup(id).query().isVisible();
  }
}
