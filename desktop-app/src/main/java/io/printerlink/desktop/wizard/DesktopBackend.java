package io.printerlink.desktop.wizard;

import io.printerlink.desktop.core.CodeLinkListener;
import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.CoreConfig;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkCode;
import io.printerlink.desktop.core.LinkCodeResult;
import io.printerlink.desktop.core.LinkException;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.desktop.core.LinkingService;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.desktop.embedded.EmbeddedEnvironment;
import io.printerlink.protocol.ws.LinkCodeEvent;
import io.printerlink.protocol.RelayTrust;
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

  private final RelayTrust trust;

  /** @param embeddedDataDir the embedded relay's data folder (null: the default) */
  public DesktopBackend(
      Path embeddedDataDir, CoreConfig config, Clock clock, LongSupplier nanoTime, SecureRandom random, Executor executor) {
    this(embeddedDataDir, config, clock, nanoTime, random, executor, RelayTrust.system());
  }

  /**
   * @param embeddedDataDir the embedded relay's data folder (null: the default)
   * @param trust how a relay URL the user gives is checked: its CA ({@code --relay-ca}) and whether
   *     plain http to another machine is allowed ({@code --insecure})
   */
  public DesktopBackend(Path embeddedDataDir, CoreConfig config, Clock clock, LongSupplier nanoTime, SecureRandom random,
      Executor executor, RelayTrust trust) {
    this.trust = java.util.Objects.requireNonNull(trust, "trust");
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
      // The embedded relay is on loopback over http: the system trust applies; a relay URL gets the user's trust.
      clients = CoreClients.start(target, config, choice.isEmbedded() ? RelayTrust.system() : trust);
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
    public URI relayUri() {
      return relay;
    }

    @Override
    public String relayDescription() {
      return embedded == null ? relay.toString() : "";
    }

    @Override
    public IssuedCode issue() throws RelayException {
      LinkCode code = core.issueLinkCode();
      return new IssuedCode(code.code(), code.expiresAt());
    }

    @Override
    public Outcome await(IssuedCode code, Consumer<LinkCodeEvent> events) throws LinkException {
      LinkCodeResult r = core.awaitCodeLink(new LinkCode(code.code(), code.expiresAt()), new CodeLinkListener() {
        @Override
        public void onCodeEvent(LinkCodeEvent event) {
          events.accept(event);
        }
      });
      return new Outcome(r.outcome().name(), r.reason(), r.printerId(), r.printerName());
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
