package io.printerlink.desktop.wizard;

import io.printerlink.agent.AgentConfig;
import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.relay.RelayConfig;
import io.printerlink.relay.RelayServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real wizard in a real stage (headless Monocle), over a real relay on port 0 (or the real
 * embedded environment) and real printer agents. Everything it starts stops in {@link #close}.
 */
final class WizardHarness implements AutoCloseable {
  static final String PASSWORD = "correct horse battery";
  static final long WAIT_SECONDS = 30;

  final Path dir;
  final WizardSettings settings;
  final List<PrinterAgent> agents = new ArrayList<>();
  private final List<AutoCloseable> extras = new ArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  /** The wizard's background executor; after close, late tasks (from FX events still queued) are dropped. */
  final Executor background = task -> {
    if (!pool.isShutdown()) {
      pool.execute(task);
    }
  };
  final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  RelayServer relay;
  WizardViewModel vm;
  Scene scene;
  private WizardConfig config = WizardConfig.defaults();
  private Executor ui = Platform::runLater;
  private CoreConfig coreConfig = CoreConfig.defaults();
  private java.util.function.UnaryOperator<WizardBackend> backendWrapper = b -> b;

  WizardHarness() throws IOException {
    dir = Files.createTempDirectory("printerlink-wizard-test");
    settings = new WizardSettings(dir.resolve("config"));
  }

  WizardHarness config(WizardConfig c) {
    config = c;
    return this;
  }

  WizardHarness ui(Executor e) {
    ui = e;
    return this;
  }

  WizardHarness wrapBackend(java.util.function.UnaryOperator<WizardBackend> wrapper) {
    backendWrapper = wrapper;
    return this;
  }

  /** A relay of our own (loopback agents allowed, cheap password hashing). */
  WizardHarness relay() throws Exception {
    return relay(b -> b);
  }

  /** As {@link #relay()}, with {@code tweak} applied to its settings (a short link-request expiry, say). */
  WizardHarness relay(java.util.function.UnaryOperator<RelayConfig.Builder> tweak) throws Exception {
    relay = RelayServer.start(tweak.apply(RelayConfig.builder().port(0).bindHost("127.0.0.1").dataDir(dir.resolve("relay"))
        .allowLoopbackAgents(true).passwordIterations(1000)).build());
    return this;
  }

  /** Something the test started that must stop with the harness (before the agents and the relay). */
  <T extends AutoCloseable> T closeLater(T resource) {
    extras.add(resource);
    return resource;
  }

  /** A real agent on that relay; {@code tweak} may change its name or advertised address. */
  PrinterAgent agent(Consumer<AgentConfig.Builder> tweak) throws IOException {
    AgentConfig.Builder b = AgentConfig.builder().relayUri(relay.httpUri()).port(0).bindHost("127.0.0.1")
        .stateDir(Files.createTempDirectory(dir, "agent-")).name("Workshop printer").model("Prusa MK4")
        .advertiseHost("127.0.0.1");
    tweak.accept(b);
    PrinterAgent a = PrinterAgent.start(b.build());
    agents.add(a);
    return a;
  }

  /** Builds the wizard into {@code stage} on the FX thread and shows its start screen. */
  void show(Stage stage) throws Exception {
    fx(() -> {
      if (vm != null) {
        vm.close();
      }
      ResourceBundle texts = ResourceBundle.getBundle(WizardView.BUNDLE);
      WizardContext ctx = new WizardContext(background, ui, new ScheduledTicker(timers, ui), System::nanoTime,
          Clock.systemDefaultZone(), new Texts(texts), config);
      WizardBackend backend = new DesktopBackend(dir.resolve("embedded"), coreConfig, Clock.systemDefaultZone(),
          System::nanoTime, new SecureRandom(), background);
      vm = new WizardViewModel(backendWrapper.apply(backend), settings, ctx);
      scene = new Scene(WizardView.load(vm, texts), 640, 560);
      stage.setScene(scene);
      stage.show();
      vm.open(null);
      return null;
    });
  }

  /** Fills the start screen for our relay with a new account and presses Continue. */
  void signUpOnRelay(FxRobot robot, String username) throws Exception {
    robot.clickOn("#startRemote");
    fx(() -> {
      text(robot, "#startRelayUrl").setText(relay.httpUri().toString());
      text(robot, "#startUsername").setText(username);
      text(robot, "#startPassword").setText(PASSWORD);
      robot.lookup("#startCreateAccount").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
      return null;
    });
    robot.clickOn("#startContinue");
    waitFor(() -> visible(robot, "#discoverPane"));
  }

  /** Saves what the window shows now as a PNG. */
  void shot(Path file) throws Exception {
    fx(() -> {
      Screenshots.save(scene, file);
      return null;
    });
  }

  /** Signs up on our relay and links the one agent in discovery through the UI; returns on the linked screen. */
  void linkFirstPrinter(FxRobot robot, String username) throws Exception {
    signUpOnRelay(robot, username);
    waitFor(() -> visible(robot, "#discoverCard"));
    robot.clickOn("#discoverLink");
    waitFor(() -> visible(robot, "#donePane"));
  }

  static TextInputControl text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(TextInputControl.class);
  }

  /** The text a user sees in a label or button, read on the FX thread. */
  static String textOf(FxRobot robot, String id) throws Exception {
    return fx(() -> robot.lookup(id).queryAs(Labeled.class).getText());
  }

  /** The text shown now, or "" when the node is not there (for polling). */
  static String textNow(FxRobot robot, String id) {
    try {
      return textOf(robot, id);
    } catch (Exception e) {
      return "";
    }
  }

  /** Whether the node has the keyboard focus. */
  static boolean focused(FxRobot robot, String id) {
    try {
      return fx(() -> robot.lookup(id).query().isFocused());
    } catch (Exception e) {
      return false;
    }
  }

  /** Whether a node is shown: it and all its parents are visible. */
  static boolean visible(FxRobot robot, String id) {
    try {
      return fx(() -> {
        Node n = robot.lookup(id).query();
        if (n == null) {
          return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
          if (!p.isVisible()) {
            return false;
          }
        }
        return true;
      });
    } catch (Exception e) {
      return false;
    }
  }

  static <T> T fx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static void waitFor(BooleanSupplier condition) throws Exception {
    waitFor(WAIT_SECONDS, condition);
  }

  static void waitFor(long seconds, BooleanSupplier condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
  }

  @Override
  public void close() throws Exception {
    try {
      if (vm != null) {
        fx(() -> {
          vm.close();
          return null;
        });
      }
      WaitForAsyncUtils.waitForFxEvents();
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
      timers.shutdownNow();
    } finally {
      for (AutoCloseable c : extras) {
        c.close();
      }
      for (PrinterAgent a : agents) {
        a.close();
      }
      if (relay != null) {
        relay.close();
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
