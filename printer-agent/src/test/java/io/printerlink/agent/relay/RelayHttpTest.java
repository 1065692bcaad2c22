package io.printerlink.agent.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.printerlink.protocol.RelayTrust;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;

/** The relay client's TLS set-up: verified TLS for https relays, none at all for plain http. */
class RelayHttpTest {
  @Test
  void anHttpsRelayGetsHostNameVerificationAgainstATrustStore() throws Exception {
    HttpClient http = RelayHttp.client(URI.create("https://relay.example:8443"), RelayTrust.system());
    http.start();
    try {
      SslContextFactory.Client tls = http.getSslContextFactory();
      assertFalse(tls instanceof RelayHttp.NoTls);
      assertEquals("HTTPS", tls.getEndpointIdentificationAlgorithm());
      assertFalse(tls.isTrustAll());
      assertTrue(tls.getSslContext() != null, "the trust store is loaded when the client starts");
    } finally {
      http.stop();
    }
  }

  @Test
  void aPlainHttpRelayLoadsNoTrustStoreFollowsNoRedirectAndRefusesTls() throws Exception {
    HttpClient http = RelayHttp.client(URI.create("http://127.0.0.1:8080"), RelayTrust.system());
    http.start();
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertInstanceOf(RelayHttp.NoTls.class, http.getSslContextFactory());
      IllegalStateException noContext = assertThrows(IllegalStateException.class, () -> http.getSslContextFactory().getSslContext());
      assertTrue(noContext.getMessage().contains("makes no TLS connections"), noContext.getMessage());
      assertFalse(http.isFollowRedirects(), "an http relay cannot send the agent to an https URL");
      // A real listener, so the request gets as far as wanting a TLS engine, and is refused there.
      Exception e = assertThrows(Exception.class, () -> http.newRequest("https://127.0.0.1:" + listener.getLocalPort() + "/")
          .timeout(5, TimeUnit.SECONDS).send());
      assertTrue(causes(e).contains("makes no TLS connections"), causes(e));
    } finally {
      http.stop();
    }
  }

  private static String causes(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
    }
    return b.toString();
  }
}
