package io.printerlink.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-socket HTTP/1.1 proxy in front of a real relay, one request per connection, that loses
 * what a test tells it to: for requests whose path ends with {@code faultPath}, the first
 * {@code faults} are either dropped before they reach the relay ({@link Fault#DROP_REQUEST}) or
 * forwarded and their answer dropped ({@link Fault#DROP_ANSWER}, the relay acted but the agent
 * never hears it). "Dropped" means the agent's connection is closed with no response, as when
 * the relay dies or the network breaks mid-call.
 */
final class FaultProxy implements AutoCloseable {
  enum Fault { DROP_REQUEST, DROP_ANSWER }

  private final ServerSocket server;
  private final URI target;
  private final String faultPath;
  private final Fault fault;
  private final AtomicInteger faultsLeft;
  final AtomicInteger faultedCalls = new AtomicInteger();
  final AtomicInteger forwardedCalls = new AtomicInteger();
  private final Thread acceptor;

  FaultProxy(URI target, String faultPath, Fault fault, int faults) throws IOException {
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.target = target;
    this.faultPath = faultPath;
    this.fault = fault;
    this.faultsLeft = new AtomicInteger(faults);
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      byte[] body = in.readNBytes(contentLength(head));
      String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
      boolean faulty = path.endsWith(faultPath) && faultsLeft.getAndDecrement() > 0;
      if (faulty && fault == Fault.DROP_REQUEST) {
        faultedCalls.incrementAndGet();
        return;
      }
      byte[] answer = forward(head, body);
      forwardedCalls.incrementAndGet();
      if (faulty) {
        faultedCalls.incrementAndGet();
        return;
      }
      OutputStream out = client.getOutputStream();
      out.write(answer);
      out.flush();
    } catch (IOException e) {
      // the agent hung up: nothing to do
    }
  }

  /** Sends the request to the relay with {@code Connection: close} and reads the whole answer. */
  private byte[] forward(String head, byte[] body) throws IOException {
    StringBuilder h = new StringBuilder();
    for (String line : head.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("connection:") && !line.isEmpty()) {
        h.append(line).append("\r\n");
      }
    }
    h.append("Connection: close\r\n\r\n");
    try (Socket relay = new Socket(target.getHost(), target.getPort())) {
      OutputStream out = relay.getOutputStream();
      out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      relay.getInputStream().transferTo(answer);
      return answer.toByteArray();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
      if (head.size() > 65536) {
        return null;
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
