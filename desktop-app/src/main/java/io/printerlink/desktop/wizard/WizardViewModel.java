package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.EventsListener;
import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkingService;
import io.printerlink.desktop.core.Problems;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's one view-model: sign in (skipped with an embedded relay's local account), the
 * live discovered-printer card, the link with its live state list, and the result. No UI types:
 * the view binds to these properties and calls the command methods. Network work runs on
 * {@code background}; property changes happen on {@code ui} (the FX thread in the app; the
 * calling thread in unit tests).
 */
public final class WizardViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(WizardViewModel.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final WizardBackend backend;
  private final Executor background;
  private final Executor ui;
  private final Clock clock;
  private final ResourceBundle texts;

  private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.STARTING);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper relayDescription = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper discoveryStatus = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<PrinterCard> printer = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper linkedText = new ReadOnlyStringWrapper("");
  private final ObservableList<String> statusLines = FXCollections.observableArrayList();
  private final ObservableList<String> statusLinesView = FXCollections.unmodifiableObservableList(statusLines);
  private final StringProperty username = new SimpleStringProperty("");
  private final BooleanBinding canLink;

  private WizardConnection connection;
  private EventsConnection watch;
  private boolean closed;

  public WizardViewModel(WizardBackend backend, Executor background, Executor ui, Clock clock, ResourceBundle texts) {
    if (backend == null || background == null || ui == null || clock == null || texts == null) {
      throw new IllegalArgumentException("backend, background, ui, clock and texts are required");
    }
    this.backend = backend;
    this.background = background;
    this.ui = ui;
    this.clock = clock;
    this.texts = texts;
    this.canLink =
        Bindings.createBooleanBinding(
            () -> printer.get() != null && !busy.get() && screen.get() == Screen.DISCOVER, printer, busy, screen);
  }

  // ---- properties the view binds to

  public ReadOnlyObjectProperty<Screen> screenProperty() {
    return screen.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty relayDescriptionProperty() {
    return relayDescription.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty discoveryStatusProperty() {
    return discoveryStatus.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<PrinterCard> printerProperty() {
    return printer.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty linkedTextProperty() {
    return linkedText.getReadOnlyProperty();
  }

  public ObservableList<String> statusLines() {
    return statusLinesView;
  }

  /** The sign-in screen's username field (two-way). */
  public StringProperty usernameProperty() {
    return username;
  }

  public BooleanBinding canLinkBinding() {
    return canLink;
  }

  // ---- commands

  /** Opens the connection; signs in with the local account in embedded mode, else shows sign-in. */
  public void start() {
    busy.set(true);
    background.execute(() -> {
      try {
        WizardConnection c = backend.open();
        String where = c.relayDescription();
        if (c.localAccount().isPresent()) {
          c.core().signIn(c.localAccount().get());
        }
        ui.execute(() -> {
          connection = c;
          relayDescription.set(where);
          busy.set(false);
          if (c.localAccount().isPresent()) {
            startDiscovery();
          } else {
            screen.set(Screen.SIGN_IN);
          }
        });
      } catch (RelayException e) {
        fail(text("error.signIn", Problems.describe(e)));
      } catch (Exception e) {
        LOG.warn("Could not start the wizard's connection", e);
        fail(text("error.start", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    });
  }

  /** Signs in with the username property and this password, which is wiped afterwards. */
  public void signIn(char[] password) {
    String name = username.get() == null ? "" : username.get().trim();
    Credentials credentials;
    try {
      credentials = new Credentials(name, Secret.fromText(java.nio.CharBuffer.wrap(password)), false);
    } catch (IllegalArgumentException e) {
      error.set(text("error.username"));
      return;
    } finally {
      Arrays.fill(password, '\0');
    }
    if (connection == null) {
      return;
    }
    WizardConnection c = connection;
    busy.set(true);
    error.set("");
    background.execute(() -> {
      try {
        c.core().signIn(credentials);
        ui.execute(() -> {
          busy.set(false);
          startDiscovery();
        });
      } catch (RelayException e) {
        ui.execute(() -> {
          busy.set(false);
          error.set(text("error.signIn", Problems.describe(e)));
        });
      } finally {
        credentials.password().destroy();
      }
    });
  }

  /** Links the printer on the card. */
  public void link() {
    PrinterCard card = printer.get();
    if (card == null || connection == null || busy.get()) {
      return;
    }
    WizardConnection c = connection;
    busy.set(true);
    error.set("");
    statusLines.clear();
    screen.set(Screen.LINKING);
    background.execute(() -> {
      try {
        LinkRequestView result = c.core().link(card.printer(), this::onLinkEvent);
        ui.execute(() -> {
          busy.set(false);
          if (result.linkState() == LinkState.LINKED) {
            linkedText.set(text("linked.text", card.name()));
            screen.set(Screen.LINKED);
          } else {
            error.set(text("error.notLinked", stateText(result.linkState(), result.reason())));
            screen.set(Screen.FAILED);
          }
        });
      } catch (LinkException e) {
        fail(e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("Link failed unexpectedly", e);
        fail(text("error.unexpected"));
      }
    });
  }

  /** After a failure: back to the discovery screen. */
  public void retry() {
    error.set("");
    if (connection == null) {
      screen.set(Screen.STARTING);
      start();
    } else if (connection.core().session().isEmpty()) {
      screen.set(Screen.SIGN_IN);
    } else {
      screen.set(Screen.DISCOVER);
      refreshDiscovery();
    }
  }

  /** Stops the live list, signs out and stops the connection, in the background. */
  public void close() {
    closed = true;
    EventsConnection w = watch;
    WizardConnection c = connection;
    watch = null;
    connection = null;
    background.execute(() -> {
      if (w != null) {
        w.close();
      }
      if (c != null) {
        c.close();
      }
    });
  }

  // ---- internals

  private void startDiscovery() {
    screen.set(Screen.DISCOVER);
    discoveryStatus.set(text("discovery.looking"));
    WizardConnection c = connection;
    background.execute(() -> {
      try {
        EventsConnection w = c.core().watch(new EventsListener() {
          @Override
          public void onDiscovery(DiscoveryResponse discovery) {
            ui.execute(() -> showDiscovery(discovery));
          }

          @Override
          public void onClosed(String reason) {
            ui.execute(() -> {
              if (!closed) {
                discoveryStatus.set(text("discovery.liveStopped"));
              }
            });
          }
        });
        ui.execute(() -> {
          if (closed) {
            background.execute(w::close);
          } else {
            watch = w;
          }
        });
      } catch (RelayException e) {
        LOG.info("Live discovery unavailable: {}", e.getMessage());
      }
      refreshDiscovery();
    });
  }

  private void refreshDiscovery() {
    WizardConnection c = connection;
    if (c == null) {
      return;
    }
    background.execute(() -> {
      try {
        DiscoveryResponse d = c.core().discover();
        ui.execute(() -> showDiscovery(d));
      } catch (RelayException e) {
        ui.execute(() -> discoveryStatus.set(text("error.discovery", Problems.describe(e))));
      }
    });
  }

  private void showDiscovery(DiscoveryResponse d) {
    if (DiscoveryResponse.MULTIPLE.equals(d.status())) {
      printer.set(null);
      discoveryStatus.set(text("discovery.multiple"));
    } else if (d.printers().isEmpty()) {
      printer.set(null);
      discoveryStatus.set(text("discovery.none", d.seenFrom()));
    } else {
      printer.set(PrinterCard.of(d.printers().get(0)));
      discoveryStatus.set(text("discovery.found"));
    }
  }

  private void onLinkEvent(LinkEvent event) {
    String line =
        LocalTime.ofInstant(event.at(), clock.getZone()).format(TIME) + "  "
            + (event.state() != null ? stateText(event.state(), null) : stepText(event));
    ui.execute(() -> statusLines.add(line));
  }

  private String stepText(LinkEvent event) {
    try {
      return texts.getString("step." + event.step().name());
    } catch (MissingResourceException e) {
      return event.message();
    }
  }

  private String stateText(LinkState state, String reason) {
    String base = texts.getString("state." + state.name());
    return reason == null || reason.isBlank() ? base : base + ": " + reason;
  }

  private void fail(String message) {
    ui.execute(() -> {
      busy.set(false);
      error.set(message);
      screen.set(Screen.FAILED);
    });
  }

  private String text(String key, Object... args) {
    return args.length == 0 ? texts.getString(key) : MessageFormat.format(texts.getString(key), args);
  }
}
