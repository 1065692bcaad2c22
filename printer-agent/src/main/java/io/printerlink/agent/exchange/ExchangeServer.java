package io.printerlink.agent.exchange;

import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the Jetty server of the LAN exchange port, one step a line. Not started. */
public final class ExchangeServer {
  /** A small pool: the endpoint answers one short request per link attempt. */
  public static final int MAX_THREADS = 8;
  public static final int MIN_THREADS = 2;
  /** Request headers are tiny here; a big header section is refused early. */
  public static final int REQUEST_HEADER_SIZE = 4096;
  /** In-flight exchanges are tiny; stopping does not wait long for them. */
  public static final long STOP_TIMEOUT_MILLIS = 0;

  private ExchangeServer() {}

  public static Server create(String bindHost, int port, Duration idleTimeout, Handler handler) {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
    threads.setName("agent-exchange");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(REQUEST_HEADER_SIZE);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(bindHost);
    connector.setPort(port);
    connector.setIdleTimeout(idleTimeout.toMillis());
    server.addConnector(connector);
    server.setHandler(handler);
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    return server;
  }

  /** The port the server's connector listens on (after start). */
  public static int localPort(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }
}
