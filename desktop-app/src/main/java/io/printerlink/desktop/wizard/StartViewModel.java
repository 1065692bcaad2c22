package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.desktop.core.Session;
import io.printerlink.desktop.embedded.EmbeddedEnvironment;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.Usernames;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start screen: where the account lives (this computer, the default, or a relay URL), and
 * for a relay, sign in or create an account. The choice, the account and the session token are
 * remembered ({@link WizardSettings}); a remembered session continues without a password.
 */
public final class StartViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(StartViewModel.class);

  private final WizardContext ctx;
  private final WizardBackend backend;
  private final WizardSettings settings;
  private final Navigator nav;

  private final BooleanProperty embedded = new SimpleBooleanProperty(true);
  private final StringProperty relayUrl = new SimpleStringProperty("");
  private final StringProperty username = new SimpleStringProperty("");
  private final BooleanProperty createAccount = new SimpleBooleanProperty(false);
  private final ReadOnlyStringWrapper savedSession = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private WizardSettings.Saved saved = WizardSettings.Saved.FIRST_RUN;
  private boolean listening;

  StartViewModel(WizardContext ctx, WizardBackend backend, WizardSettings settings, Navigator nav) {
    this.ctx = ctx;
    this.backend = backend;
    this.settings = settings;
    this.nav = nav;
  }

  /** Fills the form from what was remembered; {@code relayOverride} (an env variable) wins if set. */
  void load(String relayOverride) {
    saved = settings.load();
    embedded.set(saved.embedded());
    relayUrl.set(saved.relayUrl());
    username.set(saved.username());
    createAccount.set(false);
    error.set("");
    if (relayOverride != null && !relayOverride.isBlank()) {
      embedded.set(false);
      relayUrl.set(relayOverride.strip());
    }
    refreshSavedSession();
    if (!listening) {
      listening = true;
      embedded.addListener((o, a, b) -> refreshSavedSession());
      relayUrl.addListener((o, a, b) -> refreshSavedSession());
      username.addListener((o, a, b) -> refreshSavedSession());
    }
  }

  public BooleanProperty embeddedProperty() {
    return embedded;
  }

  public StringProperty relayUrlProperty() {
    return relayUrl;
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public BooleanProperty createAccountProperty() {
    return createAccount;
  }

  /** Non-empty when a remembered session matches the form: continue needs no password. */
  public ReadOnlyStringProperty savedSessionProperty() {
    return savedSession.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /**
   * Connects with the form's choice. {@code password} is wiped before this returns; an empty
   * one with a remembered session continues that session.
   */
  public void proceed(char[] password) {
    if (busy.get()) {
      Arrays.fill(password, '\0');
      return;
    }
    RelayChoice choice;
    Credentials credentials = null;
    boolean resume = false;
    try {
      if (embedded.get()) {
        choice = RelayChoice.embedded();
      } else {
        try {
          choice = RelayChoice.remote(relayUrl.get());
        } catch (IllegalArgumentException e) {
          error.set(ctx.texts().get("start.error.url"));
          return;
        }
        String name = username.get() == null ? "" : username.get().strip();
        try {
          Usernames.check(name);
        } catch (IllegalArgumentException e) {
          error.set(ctx.texts().get("start.error.username"));
          return;
        }
        resume = password.length == 0 && !savedSession.get().isEmpty();
        if (!resume) {
          if (password.length == 0) {
            error.set(ctx.texts().get("start.error.password"));
            return;
          }
          credentials = new Credentials(name, Secret.fromText(CharBuffer.wrap(password)), createAccount.get());
        }
      }
    } finally {
      Arrays.fill(password, '\0');
    }
    error.set("");
    busy.set(true);
    Credentials given = credentials;
    boolean resuming = resume;
    ctx.background().execute(() -> connect(choice, given, resuming));
  }

  private void connect(RelayChoice choice, Credentials credentials, boolean resume) {
    WizardConnection c = null;
    try {
      c = backend.open(choice);
      Session session;
      if (choice.isEmbedded()) {
        session = c.core().signIn(c.localAccount().orElseThrow(() -> new IllegalStateException("no local account")));
      } else if (resume) {
        Optional<Secret> token = settings.loadToken();
        if (token.isEmpty()) {
          throw new RelayException("UNAUTHORIZED", "no saved session", 401);
        }
        session = c.core().resume(saved.accountId(), saved.username(), token.get());
      } else {
        session = c.core().signIn(credentials);
      }
      remember(choice, session);
      WizardConnection ready = c;
      ctx.ui().execute(() -> {
        busy.set(false);
        nav.connected(ready);
      });
    } catch (RelayException e) {
      closeQuietly(c);
      String why = resume && e.httpStatus() == 401 ? ctx.texts().get("start.error.sessionEnded") : ctx.texts().problem(e);
      if (resume && e.httpStatus() == 401) {
        settings.forgetToken();
      }
      failed(ctx.texts().get("start.error.connect", why), resume && e.httpStatus() == 401);
    } catch (EmbeddedEnvironment.InUseException e) {
      closeQuietly(c);
      LOG.info("Embedded relay busy: {}", e.getMessage());
      failed(ctx.texts().get("start.error.embeddedInUse"), false);
    } catch (Exception e) {
      closeQuietly(c);
      LOG.warn("Could not connect the wizard", e);
      String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      failed(choice.isEmbedded() ? ctx.texts().get("start.error.embedded", detail)
          : ctx.texts().get("start.error.connect", detail), false);
    } finally {
      if (credentials != null) {
        credentials.password().destroy();
      }
    }
  }

  private void remember(RelayChoice choice, Session session) {
    WizardSettings.Saved now = choice.isEmbedded()
        ? new WizardSettings.Saved(true, saved.relayUrl(), saved.username(), saved.accountId())
        : new WizardSettings.Saved(false, choice.url().toString(), session.username(), session.accountId());
    try {
      settings.save(now);
      if (!choice.isEmbedded()) {
        Secret token = session.tokenCopy(SecretAccess.REVEAL);
        try {
          settings.saveToken(token);
        } finally {
          token.destroy();
        }
      }
      saved = now;
    } catch (IOException e) {
      LOG.warn("Could not remember the wizard's settings in {}: {}", settings.folder(), e.toString());
    }
  }

  private void failed(String message, boolean sessionForgotten) {
    ctx.ui().execute(() -> {
      busy.set(false);
      error.set(message);
      if (sessionForgotten) {
        saved = new WizardSettings.Saved(saved.embedded(), saved.relayUrl(), saved.username(), "");
        refreshSavedSession();
      }
    });
  }

  private void refreshSavedSession() {
    boolean matches = !embedded.get() && !saved.embedded() && !saved.accountId().isEmpty()
        && saved.relayUrl().equals(relayUrl.get() == null ? "" : relayUrl.get().strip())
        && saved.username().equals(username.get() == null ? "" : username.get().strip());
    savedSession.set(matches ? ctx.texts().get("start.savedSession", saved.username()) : "");
  }

  private static void closeQuietly(WizardConnection c) {
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a failed connection: {}", e.toString());
      }
    }
  }
}
