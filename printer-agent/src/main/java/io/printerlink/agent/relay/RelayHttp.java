package io.printerlink.agent.relay;

import io.printerlink.protocol.RelayTrust;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTP client under the agent's relay WebSockets, with the relay's TLS trust applied. */
public final class RelayHttp {
  private RelayHttp() {}

  /**
   * A client that verifies the relay's certificate and host name against the system trust store,
   * or only against the {@code --relay-ca} certificates when given.
   */
  public static HttpClient client(RelayTrust trust) {
    SslContextFactory.Client tls = new SslContextFactory.Client();
    tls.setEndpointIdentificationAlgorithm("HTTPS");
    trust.trustStore().ifPresent(tls::setTrustStore);
    HttpClient http = new HttpClient();
    http.setSslContextFactory(tls);
    http.setName("printer-agent-relay");
    return http;
  }
}
