package io.printerlink.bench;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * One Jetty client whose connections leave from many chosen loopback addresses, so the relay sees
 * many network keys. A connection's source address is named in its URI's host
 * ({@code ws://127-100-1-5.src.bench:PORT/...} leaves from 127.100.1.5): the resolver sends every
 * such host to the relay on 127.0.0.1, and the connector binds the socket to the named address
 * before connecting. Every 127.0.0.0/8 address is local on Linux, so no packet leaves the machine.
 */
final class BoundTransport {
  static final String SUFFIX = ".src.bench";

  private BoundTransport() {}

  /** A new (not yet started) HTTP client that routes {@code *.src.bench} hosts as above. */
  static HttpClient newClient() {
    HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(new SourceConnector()));
    SocketAddressResolver system = new SocketAddressResolver.Sync();
    http.setSocketAddressResolver(new SocketAddressResolver() {
      @Override
      public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        if (host.endsWith(SUFFIX)) {
          promise.succeeded(List.of(new InetSocketAddress("127.0.0.1", port)));
        } else {
          system.resolve(host, port, context, promise);
        }
      }
    });
    return http;
  }

  /** {@code relay} (on 127.0.0.1) as reached from {@code source}. */
  static URI from(String source, URI relay) {
    return URI.create(relay.getScheme() + "://" + source.replace('.', '-') + SUFFIX + ":" + relay.getPort() + relay.getRawPath());
  }

  /** The i-th simulated source address of a block (i from 0 to 999,999): 127.A.B.C, never .0 or .255 last. */
  static String sourceAddress(int block, int i) {
    if (i < 0 || i >= 1_000_000) {
      throw new IllegalArgumentException("i must be from 0 to 999999");
    }
    int a = block + i / 62_500;
    int b = (i / 250) % 250 + 1;
    int c = i % 250 + 1;
    return "127." + a + "." + b + "." + c;
  }

  /** Binds each new socket to the source named by its destination's host. */
  private static final class SourceConnector extends ClientConnector {
    private final ThreadLocal<SocketAddress> bind = new ThreadLocal<>();

    @Override
    public void connect(SocketAddress address, Map<String, Object> context) {
      String host = null;
      for (Object v : context.values()) {
        if (v instanceof Destination) {
          host = ((Destination) v).getOrigin().getAddress().getHost();
        }
      }
      if (host != null && host.endsWith(SUFFIX)) {
        bind.set(new InetSocketAddress(host.substring(0, host.length() - SUFFIX.length()).replace('-', '.'), 0));
      }
      try {
        super.connect(address, context);
      } finally {
        bind.remove();
      }
    }

    @Override
    public SocketAddress getBindAddress() {
      SocketAddress a = bind.get();
      return a != null ? a : super.getBindAddress();
    }
  }
}
