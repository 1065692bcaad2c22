package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.EventsListener;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.ws.PrinterStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's shell: which screen shows, the open connection, and the one live events socket
 * whose {@code discovery} and {@code printer} messages feed the screens. Each screen has its own
 * view-model ({@link #start()}, {@link #discover()}, ...). No UI types: views bind and call.
 */
public final class WizardViewModel implements Navigator {
  private static final Logger LOG = LoggerFactory.getLogger(WizardViewModel.class);

  private final WizardContext ctx;
  private final WizardSettings settings;
  private final StartViewModel start;
  private final DiscoverViewModel discover;
  private final LinkViewModel link;
  private final CodeViewModel code;
  private final DoneViewModel done;
  private final PrintersViewModel printers;

  private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.START);
  private final ReadOnlyStringWrapper relayDescription = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);

  private WizardConnection connection;
  private EventsConnection events;
  private Ticker.Handle reconnect;
  private boolean closed;

  public WizardViewModel(WizardBackend backend, WizardSettings settings, WizardContext ctx) {
    if (backend == null || settings == null || ctx == null) {
      throw new IllegalArgumentException("backend, settings and ctx are required");
    }
    this.ctx = ctx;
    this.settings = settings;
    this.start = new StartViewModel(ctx, backend, settings, this);
    this.discover = new DiscoverViewModel(ctx, this);
    this.link = new LinkViewModel(ctx, this);
    this.code = new CodeViewModel(ctx, this);
    this.done = new DoneViewModel(ctx, this);
    this.printers = new PrintersViewModel(ctx, this);
  }

  public StartViewModel start() {
    return start;
  }

  public DiscoverViewModel discoverScreen() {
    return discover;
  }

  public LinkViewModel linkScreen() {
    return link;
  }

  public CodeViewModel codeScreen() {
    return code;
  }

  public DoneViewModel doneScreen() {
    return done;
  }

  public PrintersViewModel printersScreen() {
    return printers;
  }

  public ReadOnlyObjectProperty<Screen> screenProperty() {
    return screen.getReadOnlyProperty();
  }

  /** Where the relay is, for the header ("on this computer" or its URL). */
  public ReadOnlyStringProperty relayDescriptionProperty() {
    return relayDescription.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty connectedProperty() {
    return connected.getReadOnlyProperty();
  }

  /** Shows the start screen, filled from what was remembered ({@code relayOverride}: an env variable, or null). */
  public void open(String relayOverride) {
    start.load(relayOverride);
    screen.set(Screen.START);
  }

  // ---- Navigator

  @Override
  public WizardConnection connection() {
    return connection;
  }

  @Override
  public void connected(WizardConnection c) {
    if (closed) {
      ctx.background().execute(c::close);
      return;
    }
    connection = c;
    connected.set(true);
    String where = c.relayDescription();
    relayDescription.set(where.isEmpty() ? ctx.texts().get("header.embedded") : ctx.texts().get("header.relay", where));
    openEvents(c);
    discover();
  }

  @Override
  public void discover() {
    leave();
    screen.set(Screen.DISCOVER);
    discover.start();
  }

  @Override
  public void link(PrinterCard card) {
    leave();
    screen.set(Screen.LINK);
    link.start(card);
  }

  @Override
  public void code() {
    leave();
    screen.set(Screen.CODE);
    code.start();
  }

  @Override
  public void linked(String printerId, String printerName) {
    leave();
    done.show(printerId, printerName);
    screen.set(Screen.DONE);
  }

  @Override
  public void printers() {
    if (connection == null) {
      return;
    }
    leave();
    screen.set(Screen.PRINTERS);
    printers.start();
  }

  /** Signs out, forgets the remembered session and goes back to the start screen. */
  public void signOut() {
    WizardConnection c = connection;
    if (c == null) {
      return;
    }
    leave();
    dropConnection();
    settings.forgetToken();
    ctx.background().execute(() -> {
      try {
        c.core().signOut();
      } catch (RelayException e) {
        LOG.info("Sign-out at the relay failed: {}", e.getMessage());
      }
      c.close();
    });
    start.load(null);
    screen.set(Screen.START);
  }

  /** Stops everything in the background (window closing). */
  public void close() {
    closed = true;
    leave();
    WizardConnection c = connection;
    dropConnection();
    if (c != null) {
      ctx.background().execute(c::close);
    }
  }

  // ---- internals

  private void leave() {
    discover.stop();
    code.stop();
  }

  private void dropConnection() {
    EventsConnection e = events;
    events = null;
    connection = null;
    connected.set(false);
    relayDescription.set("");
    if (reconnect != null) {
      reconnect.close();
      reconnect = null;
    }
    if (e != null) {
      ctx.background().execute(e::close);
    }
  }

  private void openEvents(WizardConnection c) {
    openEvents(c, false);
  }

  /**
   * @param reopened a reconnect after live updates stopped: once the socket is back, the discover
   *     screen starts over from the relay's current list. While the relay stays away, the screen
   *     keeps the printer it last showed (a link attempt then names the relay as the failing step).
   */
  private void openEvents(WizardConnection c, boolean reopened) {
    ctx.background().execute(() -> {
      try {
        EventsConnection opened = c.core().watch(new EventsListener() {
          @Override
          public void onDiscovery(DiscoveryResponse d) {
            ctx.ui().execute(() -> {
              if (connection == c) {
                discover.show(d);
              }
            });
          }

          @Override
          public void onPrinter(PrinterStatus status) {
            ctx.ui().execute(() -> {
              if (connection == c) {
                printers.onStatus(status);
              }
            });
          }

          @Override
          public void onClosed(String reason) {
            ctx.ui().execute(() -> eventsClosed(c));
          }
        });
        ctx.ui().execute(() -> {
          if (connection == c && !closed) {
            events = opened;
            if (reopened && screen.get() == Screen.DISCOVER) {
              discover.start();
            }
          } else {
            ctx.background().execute(opened::close);
          }
        });
      } catch (RelayException e) {
        LOG.info("Live updates unavailable: {}", e.getMessage());
        ctx.ui().execute(() -> eventsClosed(c));
      }
    });
  }

  private void eventsClosed(WizardConnection c) {
    if (connection != c || closed || reconnect != null) {
      return;
    }
    events = null;
    discover.liveUpdatesStopped();
    reconnect = ctx.ticker().every(ctx.config().reconnectAfter(), () -> {
      if (reconnect != null) {
        reconnect.close();
        reconnect = null;
      }
      if (connection == c && !closed) {
        openEvents(c, true);
      }
    });
  }
}
