package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.desktop.core.LinkingService;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.desktop.embedded.EmbeddedEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The wizard's real backend: a remote relay (user signs in), or, when none is configured, the
 * embedded relay with its demo printer and local account.
 */
public final class DesktopBackend implements WizardBackend {
  private final URI relay;
  private final Path dataDir;
  private final CoreConfig config;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final SecureRandom random;
  private final Executor executor;

  /**
   * @param relay the relay's base URL, or null for the embedded relay
   * @param dataDir the embedded relay's data folder (null: the default)
   */
  public DesktopBackend(
      URI relay, Path dataDir, CoreConfig config, Clock clock, LongSupplier nanoTime, SecureRandom random, Executor executor) {
    this.relay = relay;
    this.dataDir = dataDir;
    this.config = config;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.random = random;
    this.executor = executor;
  }

  @Override
  public WizardConnection open() throws Exception {
    EmbeddedEnvironment embedded = null;
    CoreClients clients = null;
    try {
      URI target = relay;
      String description;
      if (target == null) {
        embedded = EmbeddedEnvironment.start(dataDir != null ? dataDir : EmbeddedEnvironment.defaultDataDir(), random);
        target = embedded.relayUri();
        description = "Embedded relay at " + target + " with a demo printer";
      } else {
        description = "Relay at " + target;
      }
      clients = CoreClients.start(target, config);
      LinkingCore core = LinkingCore.create(clients, config, clock, nanoTime, random, executor);
      return new Connection(core, clients, embedded, description);
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

  private static final class Connection implements WizardConnection {
    private final LinkingCore core;
    private final CoreClients clients;
    private final EmbeddedEnvironment embedded;
    private final String description;

    Connection(LinkingCore core, CoreClients clients, EmbeddedEnvironment embedded, String description) {
      this.core = core;
      this.clients = clients;
      this.embedded = embedded;
      this.description = description;
    }

    @Override
    public LinkingService core() {
      return core;
    }

    @Override
    public Optional<Credentials> localAccount() {
      return embedded == null ? Optional.empty() : Optional.of(embedded.credentials());
    }

    @Override
    public String relayDescription() {
      return description;
    }

    @Override
    public void close() {
      try {
        core.signOut();
      } catch (RelayException e) {
        // leaving anyway
      }
      clients.close();
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
