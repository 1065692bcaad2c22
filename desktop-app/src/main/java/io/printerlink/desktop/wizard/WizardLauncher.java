package io.printerlink.desktop.wizard;

import io.printerlink.protocol.RelayTrust;
import io.printerlink.desktop.core.CoreConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Starts the JavaFX toolkit and shows the wizard (the GUI's composition root). The start screen
 * offers the relay from {@code PRINTERLINK_RELAY} when that is set, else what was chosen last
 * time, else the embedded relay.
 */
public final class WizardLauncher {
  public static final String RELAY_ENV = "PRINTERLINK_RELAY";
  /** Longest wait on exit for the background clean-up. */
  static final long CLOSE_WAIT_SECONDS = 5;

  private WizardLauncher() {}

  public static void launch(Clock clock, LongSupplier nanoTime, SecureRandom random, CoreConfig config, Path dataDir) {
    launch(clock, nanoTime, random, config, dataDir, RelayTrust.system());
  }

  /** As above; a relay URL entered in the wizard is checked against {@code trust}. */
  public static void launch(
      Clock clock, LongSupplier nanoTime, SecureRandom random, CoreConfig config, Path dataDir, RelayTrust trust) {
    String relayOverride = System.getenv(RELAY_ENV);
    ExecutorService background = Executors.newCachedThreadPool(daemon("printerlink-wizard"));
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("printerlink-wizard-timer"));
    Platform.setImplicitExit(true);
    Platform.startup(() -> {
      ResourceBundle texts = ResourceBundle.getBundle(WizardView.BUNDLE);
      WizardContext ctx = new WizardContext(background, Platform::runLater, new ScheduledTicker(timers, Platform::runLater),
          nanoTime, clock, new Texts(texts), WizardConfig.defaults());
      WizardViewModel vm = new WizardViewModel(
          new DesktopBackend(dataDir, config, clock, nanoTime, random, background, trust),
          new WizardSettings(WizardSettings.defaultFolder()), ctx);
      Stage stage = new Stage();
      stage.setTitle(texts.getString("wizard.title"));
      stage.setScene(new Scene(WizardView.load(vm, texts)));
      stage.setMinWidth(440);
      stage.setMinHeight(380);
      stage.setOnHidden(e -> {
        vm.close();
        timers.shutdownNow();
        background.shutdown();
        try {
          // let the embedded relay's shutdown finish before the JVM ends
          background.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      });
      // P5 marker for the cold-start benchmark (docs/benchmarks.md).
      stage.setOnShown(e -> org.slf4j.LoggerFactory.getLogger(WizardLauncher.class).info("first frame shown after {} ms",
          ProcessHandle.current().info().startInstant()
              .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L)));
      vm.open(relayOverride);
      stage.show();
    });
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
