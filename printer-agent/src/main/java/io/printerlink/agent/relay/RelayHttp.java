package io.printerlink.agent.relay;

import io.printerlink.protocol.RelayTrust;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The HTTP client under the agent's relay WebSockets, with the relay's TLS trust applied. */
public final class RelayHttp {
  private static final int MAX_THREADS = 8;
  private static final int MIN_THREADS = 2;

  private RelayHttp() {}

  /**
   * A client for {@code relay}. For an https relay it verifies the relay's certificate and host
   * name against the system trust store, or only against the {@code --relay-ca} certificates when
   * given. For a plain-http relay (loopback, or {@code --insecure}) it has no TLS at all: no
   * trust store is loaded (about 350 classes and the parsed system CA list, a few MiB on a small
   * board; docs/benchmarks.md, "Agent footprint"), redirects are not followed, and any attempt to
   * open a TLS connection fails.
   */
  public static HttpClient client(URI relay, RelayTrust trust) {
    HttpClient http = new HttpClient();
    if ("http".equals(relay.getScheme().toLowerCase(Locale.ROOT))) {
      http.setSslContextFactory(new NoTls());
      http.setFollowRedirects(false);
    } else {
      SslContextFactory.Client tls = new SslContextFactory.Client();
      tls.setEndpointIdentificationAlgorithm("HTTPS");
      trust.trustStore().ifPresent(tls::setTrustStore);
      http.setSslContextFactory(tls);
    }
    http.setName("printer-agent-relay");
    // One relay connection needs a selector and a thread or two; Jetty's default pool keeps 8
    // threads alive.
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
    threads.setName("printer-agent-relay");
    http.setExecutor(threads);
    return http;
  }

  /**
   * Stands in for Jetty's TLS factory (the client insists on having one) when the relay is plain
   * http: starting it loads nothing, and asking it for a TLS engine fails closed.
   */
  static final class NoTls extends SslContextFactory.Client {
    @Override
    protected void doStart() {
      // Nothing to load: this client never speaks TLS.
    }

    @Override
    public SSLContext getSslContext() {
      throw refused();
    }

    @Override
    public SSLEngine newSSLEngine() {
      throw refused();
    }

    @Override
    public SSLEngine newSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    public SSLEngine newSSLEngine(InetSocketAddress address) {
      throw refused();
    }

    private static IllegalStateException refused() {
      return new IllegalStateException("the relay URL is plain http: this client makes no TLS connections");
    }
  }
}
