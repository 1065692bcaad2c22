package io.printerlink.desktop.wizard;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/** Base of the headless TestFX wizard tests: the toolkit's stage for each test, and the harness stopped after it. */
@ExtendWith(ApplicationExtension.class)
abstract class WizardFxTest {
  protected Stage stage;
  protected WizardHarness h;

  @BeforeEach
  void registerStage() throws Exception {
    stage = FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void stopHarness() throws Exception {
    if (h != null) {
      h.close();
    }
  }
}
