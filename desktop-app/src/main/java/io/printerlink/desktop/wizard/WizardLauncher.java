package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.CoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Starts the JavaFX toolkit and shows the wizard (the GUI's composition root). The relay comes
 * from the {@code PRINTERLINK_RELAY} environment variable; without it the embedded relay runs.
 */
public final class WizardLauncher {
  public static final String RELAY_ENV = "PRINTERLINK_RELAY";
  /** Longest wait on exit for the background clean-up. */
  static final long CLOSE_WAIT_SECONDS = 5;

  private WizardLauncher() {}

  public static void launch(Clock clock, LongSupplier nanoTime, SecureRandom random, CoreConfig config, Path dataDir) {
    String relayText = System.getenv(RELAY_ENV);
    URI relay = relayText == null || relayText.isBlank() ? null : URI.create(relayText.trim());
    ExecutorService background = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "printerlink-wizard");
      t.setDaemon(true);
      return t;
    });
    Platform.setImplicitExit(true);
    Platform.startup(() -> {
      ResourceBundle texts = ResourceBundle.getBundle(WizardView.BUNDLE);
      WizardViewModel vm =
          new WizardViewModel(
              new DesktopBackend(relay, dataDir, config, clock, nanoTime, random, background),
              background,
              Platform::runLater,
              clock,
              texts);
      Stage stage = new Stage();
      stage.setTitle(texts.getString("wizard.title"));
      stage.setScene(new Scene(WizardView.load(vm, texts)));
      stage.setOnHidden(e -> {
        vm.close();
        background.shutdown();
        try {
          // let the sign-out and the embedded relay's shutdown finish before the JVM ends
          background.awaitTermination(CLOSE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      });
      stage.setOnShown(e -> org.slf4j.LoggerFactory.getLogger(WizardLauncher.class).info("first frame shown after {} ms", ProcessHandle.current().info().startInstant().map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L))); // P5 marker, docs/benchmarks.md
      stage.show();
      vm.start();
    });
  }
}
