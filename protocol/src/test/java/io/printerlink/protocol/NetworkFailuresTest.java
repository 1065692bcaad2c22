package io.printerlink.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Connection failures in plain words, never a Java class name. */
class NetworkFailuresTest {
  @Test
  void aClosedPortIsConnectionRefusedThroughWrappers() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    IOException refused = null;
    try (Socket c = new Socket()) {
      c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
    } catch (IOException e) {
      refused = e;
    }
    assertThat(refused).isInstanceOf(ConnectException.class);
    assertThat(NetworkFailures.describe(new ExecutionException(new CompletionException(refused))))
        .isEqualTo("connection refused");
  }

  @Test
  void eachKindHasItsWords() {
    assertThat(NetworkFailures.describe(new UnknownHostException("relay.example"))).isEqualTo("host name not found");
    assertThat(NetworkFailures.describe(new NoRouteToHostException("No route to host"))).isEqualTo("no route to the host");
    assertThat(NetworkFailures.describe(new TimeoutException())).isEqualTo("no answer in time");
    assertThat(NetworkFailures.describe(new ConnectException("Connection timed out"))).isEqualTo("no answer in time");
    assertThat(NetworkFailures.describe(new ClosedChannelException())).isEqualTo("the connection was closed");
    assertThat(NetworkFailures.describe(new SocketException("Connection reset"))).isEqualTo("the connection was reset");
    assertThat(NetworkFailures.describe(new SocketException("Network is unreachable"))).isEqualTo("the network is unreachable");
    assertThat(NetworkFailures.describe(new IllegalStateException("x"))).isEqualTo("network error");
    assertThat(NetworkFailures.describe(new SSLHandshakeException("PKIX path building failed")))
        .startsWith("the relay's TLS certificate is not trusted");
  }
}
