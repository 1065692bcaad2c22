package io.printerlink.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.Transport;

/**
 * TCP from one chosen local address, so one Jetty client can open connections that the relay
 * sees as coming from many different addresses (and so many network keys). The relay listens on
 * loopback and every 127.0.0.0/8 address is local on Linux, so no packet leaves the machine.
 * Identity equality keeps each address's connections apart in Jetty's connection pools.
 */
final class BoundTransport extends Transport.TCPIP {
  private final InetSocketAddress local;

  BoundTransport(String localAddress) {
    this.local = new InetSocketAddress(localAddress, 0);
  }

  @Override
  public SelectableChannel newSelectableChannel() throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.bind(local);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  /** The i-th simulated source address (i from 0 to 1,000,000): 127.A.B.C, never .0 or .255 last. */
  static String sourceAddress(int block, int i) {
    if (i < 0 || i >= 1_000_000) {
      throw new IllegalArgumentException("i must be from 0 to 999999");
    }
    int a = block + i / 62_500;
    int b = (i / 250) % 250 + 1;
    int c = i % 250 + 1;
    return "127." + a + "." + b + "." + c;
  }
}
