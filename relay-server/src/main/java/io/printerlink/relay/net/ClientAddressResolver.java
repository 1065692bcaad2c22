package io.printerlink.relay.net;

import io.printerlink.protocol.NetworkAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.server.Request;

/**
 * The one place that decides a client's address, for HTTP requests and WebSocket upgrades
 * alike (an upgrade request is a {@link Request}). Today it is the TCP peer, always: no proxy
 * header is read. Trusted proxies (PROTOCOL.md "Client address") will be added here: when the
 * TCP peer lies in a configured trusted CIDR list, walk {@code Forwarded}/{@code X-Forwarded-For}
 * from the right to the first untrusted address; every caller already goes through this class.
 */
public final class ClientAddressResolver {

  public ClientAddressResolver() {}

  /** The client's address as the relay believes it. */
  public InetAddress clientAddress(Request request) {
    SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
    if (peer instanceof InetSocketAddress) {
      InetAddress address = ((InetSocketAddress) peer).getAddress();
      if (address != null) {
        return NetworkAddresses.normalize(address);
      }
    }
    throw new IllegalStateException("connection has no IP peer address");
  }

  /** The client's network key ({@link NetworkAddresses#networkKey}). */
  public String networkKey(Request request) {
    return NetworkAddresses.networkKey(clientAddress(request));
  }
}
