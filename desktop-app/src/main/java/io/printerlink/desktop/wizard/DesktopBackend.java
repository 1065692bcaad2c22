package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.EventsConnection;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.desktop.core.LinkingService;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.desktop.embedded.EmbeddedEnvironment;
import io.printerlink.protocol.ws.LinkCodeEvent;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The wizard's real backend: a relay at a URL (the user signs in), or the embedded relay with
 * its demo printer and a local account.
 */
public final class DesktopBackend implements WizardBackend {
  private final Path embeddedDataDir;
  private final CoreConfig config;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final SecureRandom random;
  private final Executor executor;

  /** @param embeddedDataDir the embedded relay's data folder (null: the default) */
  public DesktopBackend(
      Path embeddedDataDir, CoreConfig config, Clock clock, LongSupplier nanoTime, SecureRandom random, Executor executor) {
    this.embeddedDataDir = embeddedDataDir;
    this.config = config;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.random = random;
    this.executor = executor;
  }

  @Override
  public WizardConnection open(RelayChoice choice) throws Exception {
    EmbeddedEnvironment embedded = null;
    CoreClients clients = null;
    try {
      URI target = choice.url();
      if (choice.isEmbedded()) {
        embedded = EmbeddedEnvironment.start(
            embeddedDataDir != null ? embeddedDataDir : EmbeddedEnvironment.defaultDataDir(), random);
        target = embedded.relayUri();
      }
      clients = CoreClients.start(target, config);
      LinkingCore core = LinkingCore.create(clients, config, clock, nanoTime, random, executor);
      return new Connection(core, clients, embedded, target);
    } catch (Exception e) {
      if (clients != null) {
        clients.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private final class Connection implements WizardConnection, CodeLinking {
    private final LinkingCore core;
    private final CoreClients clients;
    private final EmbeddedEnvironment embedded;
    private final URI relay;

    Connection(LinkingCore core, CoreClients clients, EmbeddedEnvironment embedded, URI relay) {
      this.core = core;
      this.clients = clients;
      this.embedded = embedded;
      this.relay = relay;
    }

    @Override
    public LinkingService core() {
      return core;
    }

    @Override
    public CodeLinking codes() {
      return this;
    }

    @Override
    public CoreConfig coreConfig() {
      return config;
    }

    @Override
    public Optional<Credentials> localAccount() {
      return embedded == null ? Optional.empty() : Optional.of(embedded.credentials());
    }

    @Override
    public String relayDescription() {
      return embedded == null ? relay.toString() : "";
    }

    @Override
    public IssuedCode issue() throws RelayException {
      throw new RelayException("NOT_AVAILABLE", "this build cannot issue link codes yet", 0);
    }

    @Override
    public EventsConnection watch(Consumer<LinkCodeEvent> listener) throws RelayException {
      throw new RelayException("NOT_AVAILABLE", "this build cannot issue link codes yet", 0);
    }

    @Override
    public void close() {
      if (embedded != null) {
        try {
          core.signOut();
        } catch (RelayException e) {
          // the embedded relay stops next anyway
        }
      }
      clients.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
