package io.printerlink.relay;

import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.relay.accounts.AccountEndpoints;
import io.printerlink.relay.accounts.AccountLimits;
import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.accounts.PasswordHasher;
import io.printerlink.relay.codes.CodeEndpoints;
import io.printerlink.relay.codes.CodeService;
import io.printerlink.relay.discovery.AgentDiscoverySocket;
import io.printerlink.relay.discovery.DiscoveryEndpoints;
import io.printerlink.relay.discovery.DiscoveryService;
import io.printerlink.relay.events.ClientEvents;
import io.printerlink.relay.events.ClientEventsSocket;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Bearer;
import io.printerlink.relay.http.ErrorMapper;
import io.printerlink.relay.http.HealthResponse;
import io.printerlink.relay.http.JsonErrorHandler;
import io.printerlink.relay.http.Reply;
import io.printerlink.relay.linking.LinkEndpoints;
import io.printerlink.relay.limits.DefenceMetrics;
import io.printerlink.relay.limits.KeyedRateLimits;
import io.printerlink.relay.limits.Rate;
import io.printerlink.relay.limits.Throttle;
import io.printerlink.relay.linking.FormerPrinters;
import io.printerlink.relay.linking.LinkService;
import io.printerlink.relay.metrics.MetricsHandler;
import io.printerlink.relay.metrics.RelayMetrics;
import io.printerlink.relay.net.ClientAddressResolver;
import io.printerlink.relay.net.CrowdedKeyAlarm;
import io.printerlink.relay.printers.PrinterEndpoints;
import io.printerlink.relay.printers.PrinterService;
import io.printerlink.relay.printers.PrinterSocket;
import io.printerlink.relay.printers.PrinterSockets;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AccountStore;
import io.printerlink.relay.store.AuditLog;
import io.printerlink.relay.store.Database;
import io.printerlink.relay.store.Ids;
import io.printerlink.relay.store.LinkStore;
import io.printerlink.relay.store.PrinterRecord;
import io.printerlink.relay.store.PrinterStore;
import io.printerlink.relay.ws.UpgradeGate;
import io.printerlink.relay.ws.Upgrades;
import io.printerlink.relay.ws.WsIds;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's composition root: builds every part explicitly, one step a line, and owns the Jetty
 * server. The database, the timer executor and the stateful services are lifecycle beans of the
 * server, so {@link #close()} stops them all. Used by {@link RelayMain}, by tests, and embedded
 * by the desktop app.
 */
public final class RelayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);

  private final Server server;
  private final ServerConnector connector;
  private final RelayConfig config;
  private final DefenceMetrics defenceMetrics;
  private final RelayMetrics relayMetrics;
  private final Database database;
  private final LinkService linking;

  private RelayServer(Server server, ServerConnector connector, RelayConfig config, DefenceMetrics defenceMetrics,
      RelayMetrics relayMetrics, Database database, LinkService linking) {
    this.server = server;
    this.connector = connector;
    this.config = config;
    this.defenceMetrics = defenceMetrics;
    this.relayMetrics = relayMetrics;
    this.database = database;
    this.linking = linking;
  }

  /** Builds and starts a relay; on return it is listening. */
  public static RelayServer start(RelayConfig config) {
    QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads());
    threads.setName("relay");
    Server server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = config.tlsKeystore().isPresent()
        ? new ServerConnector(server, new SslConnectionFactory(RelayTls.serverContext(config), "http/1.1"),
            new HttpConnectionFactory(RelayTls.secure(http)))
        : new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.bindHost());
    connector.setPort(config.port());
    connector.setIdleTimeout(config.httpIdleTimeout().toMillis());
    server.addConnector(connector);

    Database db = new Database(config.dataDir(), config.jdbcUrl().orElse(null));
    server.addBean(db);
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "relay-timers");
      t.setDaemon(true);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true);
    server.addBean(new ExecutorLifecycle(timers));

    Ids ids = new Ids(config.random());
    AuditLog audit = new AuditLog(db, config.clock());
    AccountStore accountStore = new AccountStore(db);
    PrinterStore printerStore = new PrinterStore(db);
    ClientEvents events = new ClientEvents();
    DefenceMetrics metrics = new DefenceMetrics();
    RelayMetrics relayMetrics = new RelayMetrics(metrics);
    ClientAddressResolver addresses = new ClientAddressResolver(config.trustedProxies(), metrics);
    CrowdedKeyAlarm alarm = new CrowdedKeyAlarm(config.crowdedKeyThreshold(), config.crowdedKeyWindow(),
        config.nanoTime(), metrics, audit);
    AccountLimits accountLimits = new AccountLimits(new AccountLimits.Settings(config.signInFailuresPerKey(),
        config.signInFailuresPerUsername(), config.signInFailureWindow(), config.accountsPerKey()),
        config.nanoTime(), metrics, audit);
    long limitSweep = config.signInFailureWindow().toMillis();
    timers.scheduleWithFixedDelay(accountLimits::sweep, limitSweep, limitSweep, java.util.concurrent.TimeUnit.MILLISECONDS);
    AccountService accounts = new AccountService(accountStore,
        new PasswordHasher(config.passwordIterations(), config.random()), audit, ids, config.random(),
        config.clock(), events::sessionRevoked, accountLimits);
    DiscoveryService discovery = new DiscoveryService(
        new DiscoveryService.Settings(config.presenceExpiry(), config.presenceSweep(), config.heartbeat(),
            config.allowLoopbackAgents()),
        config.nanoTime(), config.random(), timers, audit, events::discoveryChanged,
        new DiscoveryService.Guards(new KeyedRateLimits("instance-id claims per network key",
            config.agentClaimsPerKey(), config.nanoTime()), alarm, metrics));
    server.addBean(discovery);
    PrinterSockets printerSockets = new PrinterSockets(events, printerStore);
    LinkService linking = new LinkService(
        new LinkService.Settings(config.linkRequestExpiry(), config.tokenAckTimeout()),
        new LinkStore(db), discovery, events, audit, ids, config.random(), config.clock(), timers,
        new FormerPrinters(printerStore, printerSockets, audit), relayMetrics);
    server.addBean(linking);
    CodeService codes = new CodeService(
        new CodeService.Settings(config.codeLife(), config.maxLiveCodes(), config.codeFailuresPerKey(),
            config.codeFailuresGlobal(), config.codeFailureWindow(), config.codeIssuesPerAccount(),
            config.codeIssueWindow(), config.codeSweep(), config.tokenAckTimeout()),
        db, events, audit, ids, config.random(), config.clock(), config.nanoTime(), timers, metrics);
    server.addBean(codes);
    PrinterService printers = new PrinterService(printerStore, printerSockets, audit);
    relayMetrics.gauges(discovery::listedCount, printerSockets::onlineCount);

    ErrorMapper errors = new ErrorMapper();
    server.setErrorHandler(new JsonErrorHandler(errors));
    ApiHandler.Builder routes = ApiHandler.builder(addresses, errors, config.maxBodyBytes());
    LinkEndpoints.Limits linkLimits = new LinkEndpoints.Limits(
        new Throttle(new KeyedRateLimits("link requests per network key", config.linkRequestsPerKey(), config.nanoTime()),
            metrics, "too many link requests from your network; wait and try again"),
        new Throttle(new KeyedRateLimits("link requests per account", config.linkRequestsPerAccount(), config.nanoTime()),
            metrics, "too many link requests from your account; wait and try again"));
    registerRoutes(routes, accounts, discovery, linking, printers, linkLimits, alarm,
        new CodeEndpoints(accounts, codes, audit));
    WsIds socketIds = new WsIds();
    UpgradeGate gate = new UpgradeGate(addresses, config.maxWsConnectionsPerKey(),
        Rate.perSecond(config.maxWsMessagesPerSecond()), config.nanoTime(), metrics);
    WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
      configureLimits(container, config);
      container.addMapping("/agent/v1/discovery", gate.guard((req, resp, cb, networkKey) ->
          new AgentDiscoverySocket(socketIds.next(), networkKey, discovery, linking)));
      container.addMapping("/agent/v1/printer", gate.guard((req, resp, cb, networkKey) -> {
        Optional<PrinterRecord> printer = Bearer.from(req.getHeaders().get(HttpHeader.AUTHORIZATION))
            .flatMap(token -> printerStore.activeByTokenHash(Secrets.sha256Hex(token)));
        if (printer.isEmpty()) {
          return Upgrades.refuseUnauthorized(resp, cb, "unknown or revoked printer token");
        }
        String accountName = accountStore.byId(printer.get().accountId()).map(Account::displayName).orElse("");
        return new PrinterSocket(socketIds.next(), printer.get(), accountName, printerSockets);
      }));
      container.addMapping("/client/v1/events", gate.guard((req, resp, cb, networkKey) -> {
        Optional<Secret> token = Bearer.from(req.getHeaders().get(HttpHeader.AUTHORIZATION));
        Optional<Account> account = token.flatMap(accounts::account);
        if (account.isEmpty()) {
          return Upgrades.refuseUnauthorized(resp, cb, "sign in first: a valid bearer token is required");
        }
        alarm.accountSeen(networkKey, account.get().id());
        return new ClientEventsSocket(socketIds.next(), account.get().id(), networkKey,
            Secrets.sha256Hex(token.get()), events, discovery, hash -> accountStore.sessionAccount(hash).isPresent());
      }));
    });
    sockets.setHandler(routes.build());
    server.setHandler(new MetricsHandler(relayMetrics, config.nanoTime(), sockets));

    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw new IllegalStateException("relay failed to start on " + config.bindHost() + ":" + config.port(), e);
    }
    RelayServer relay = new RelayServer(server, connector, config, metrics, relayMetrics, db, linking);
    // The address it is bound to (0.0.0.0 = every interface), and the URL this machine reaches it at.
    LOG.info("relay listening on {}:{}, reachable here at {} (data in {}, loopback agents {}, trusted proxies {})",
        config.bindHost(), relay.port(), relay.httpUri(), config.dataDir(), config.allowLoopbackAgents() ? "allowed" : "refused",
        config.trustedProxies().isEmpty() ? "none" : config.trustedProxies());
    return relay;
  }

  /** The one route table, shared by {@link RelayMain} and the tests (both go through {@link #start}). */
  static void registerRoutes(ApiHandler.Builder routes, AccountService accounts, DiscoveryService discovery,
      LinkService linking, PrinterService printers, LinkEndpoints.Limits linkLimits, CrowdedKeyAlarm alarm,
      CodeEndpoints codes) {
    routes.get("/healthz", ex -> Reply.ok(HealthResponse.OK));
    new AccountEndpoints(accounts).register(routes);
    new DiscoveryEndpoints(accounts, discovery, alarm).register(routes);
    new LinkEndpoints(accounts, linking, linkLimits, alarm).register(routes);
    new PrinterEndpoints(accounts, printers).register(routes);
    codes.register(routes);
  }

  private static void configureLimits(ServerWebSocketContainer container, RelayConfig config) {
    container.setMaxTextMessageSize(config.maxWsMessageBytes());
    container.setMaxBinaryMessageSize(1024);
    container.setIdleTimeout(config.wsIdleTimeout());
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port} ({@code https} with TLS); a wildcard bind is reported as loopback. */
  public URI httpUri() {
    return URI.create((isTls() ? "https" : "http") + "://" + NetworkAddresses.urlHost(reachableHost()) + ":" + port());
  }

  /** {@code ws://host:port} ({@code wss} with TLS). */
  public URI wsUri() {
    return URI.create((isTls() ? "wss" : "ws") + "://" + NetworkAddresses.urlHost(reachableHost()) + ":" + port());
  }

  /** Whether the relay serves https/wss (and only those). */
  public boolean isTls() {
    return config.tlsKeystore().isPresent();
  }

  /** The relay's Prometheus metrics (services count into it; {@code GET /metrics} serves it). */
  public RelayMetrics metrics() {
    return relayMetrics;
  }

  /** H2 online backup of the running relay's database into {@code zip}. */
  public void backupTo(java.nio.file.Path zip) {
    database.backupTo(zip);
  }

  public RelayConfig config() {
    return config;
  }

  /** Counters of the abuse defences (crowded keys, rate limits, refused upgrades, policy closes). */
  public DefenceMetrics defenceMetrics() {
    return defenceMetrics;
  }

  private String reachableHost() {
    String host = config.bindHost();
    if ("0.0.0.0".equals(host)) {
      return "127.0.0.1";
    }
    if ("::".equals(host) || "[::]".equals(host)) {
      return "::1";
    }
    return host;
  }

  /**
   * Graceful stop: link requests in flight get {@link RelayConfig#shutdownGrace()} to finish (new
   * ones are refused with 503 {@code SHUTTING_DOWN}); the rest end {@code FAILED} with their pending
   * printers rolled back and their clients told, while the sockets are still open. Then Jetty
   * stops, and with it the services and the timers (in reverse order of creation, so every timer
   * task has ended), and last the database.
   */
  @Override
  public void close() {
    try {
      // Real time on purpose: a test's frozen relay clock must not stretch a shutdown.
      int failed = linking.drain(config.shutdownGrace(), System::nanoTime);
      if (failed > 0) {
        LOG.info("shutdown: {} link requests still in flight were failed", failed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("shutdown: in-flight link requests could not be ended cleanly: {}", e.toString());
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("relay did not stop cleanly: {}", e.toString());
    } finally {
      // Last, and even when a bean above failed to stop: the file URL leaves closing to us (no H2 exit hook).
      try {
        database.stop();
      } catch (Exception e) {
        LOG.warn("database did not close cleanly: {}", e.toString());
      }
    }
    LOG.info("relay stopped");
  }
}
