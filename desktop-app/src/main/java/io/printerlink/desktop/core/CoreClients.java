package io.printerlink.desktop.core;

import io.printerlink.protocol.Limits;
import io.printerlink.protocol.RelayTrust;
import java.net.URI;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The network clients the core needs, wired in one place with their limits: a Jetty HTTP client
 * for the relay, a second one with the short LAN connect timeout for the printer, and a WebSocket
 * client for the events socket. Stops them all on close.
 */
public final class CoreClients implements AutoCloseable {
  private final HttpClient relayHttp;
  private final HttpClient lanHttp;
  private final WebSocketClient ws;
  private final RelayClient relay;
  private final EventsClient events;
  private final LanExchangeClient lan;

  private CoreClients(HttpClient relayHttp, HttpClient lanHttp, WebSocketClient ws, URI relayBase, CoreConfig config) {
    this.relayHttp = relayHttp;
    this.lanHttp = lanHttp;
    this.ws = ws;
    this.relay = new RelayClient(relayHttp, relayBase, config.relayRequestTimeout());
    this.events = new EventsClient(ws, relay.eventsUri(), config.relayRequestTimeout());
    this.lan = new LanExchangeClient(lanHttp, config.lanTotalTimeout());
  }

  /** Starts the clients for the relay at {@code relayBase}, trusting the system's certificate authorities. */
  public static CoreClients start(URI relayBase, CoreConfig config) throws Exception {
    return start(relayBase, config, RelayTrust.system());
  }

  /**
   * Starts the clients for the relay at {@code relayBase}: its TLS certificate and host name are
   * verified against {@code trust}; a plain-http URL to another machine is refused unless
   * {@code trust} allows insecure http.
   *
   * @throws IllegalArgumentException for a refused plain-http URL
   */
  public static CoreClients start(URI relayBase, CoreConfig config, RelayTrust trust) throws Exception {
    trust.checkRelayUrl(relayBase);
    HttpClient relayHttp = new HttpClient();
    SslContextFactory.Client tls = new SslContextFactory.Client();
    tls.setEndpointIdentificationAlgorithm("HTTPS");
    trust.trustStore().ifPresent(tls::setTrustStore);
    relayHttp.setSslContextFactory(tls);
    HttpClient lanHttp = new HttpClient();
    WebSocketClient ws = null;
    try {
      QueuedThreadPool pool = new QueuedThreadPool(16, 2);
      pool.setName("printerlink-client");
      pool.setDaemon(true);
      relayHttp.setExecutor(pool);
      relayHttp.setName("printerlink-relay-http");
      relayHttp.setFollowRedirects(false);
      relayHttp.setConnectTimeout(config.relayRequestTimeout().toMillis());
      relayHttp.start();

      QueuedThreadPool lanPool = new QueuedThreadPool(4, 1);
      lanPool.setName("printerlink-lan");
      lanPool.setDaemon(true);
      lanHttp.setExecutor(lanPool);
      lanHttp.setName("printerlink-lan-http");
      lanHttp.setFollowRedirects(false);
      lanHttp.setConnectTimeout(config.lanConnectTimeout().toMillis());
      lanHttp.start();

      ws = new WebSocketClient(relayHttp);
      ws.setIdleTimeout(config.eventsIdleTimeout());
      ws.setMaxTextMessageSize(Limits.MAX_BODY_BYTES);
      ws.setMaxBinaryMessageSize(1024);
      ws.setStopAtShutdown(false);
      ws.start();
      return new CoreClients(relayHttp, lanHttp, ws, relayBase, config);
    } catch (Exception e) {
      stopQuietly(ws);
      stopQuietly(lanHttp);
      stopQuietly(relayHttp);
      throw e;
    }
  }

  public RelayClient relay() {
    return relay;
  }

  public EventsClient events() {
    return events;
  }

  public LanExchangeClient lan() {
    return lan;
  }

  @Override
  public void close() {
    stopQuietly(ws);
    stopQuietly(lanHttp);
    stopQuietly(relayHttp);
  }

  private static void stopQuietly(org.eclipse.jetty.util.component.LifeCycle c) {
    if (c != null) {
      try {
        c.stop();
      } catch (Exception e) {
        // stopping on the way out; nothing useful to do
      }
    }
  }
}
