package io.printerlink.protocol;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Why a connection failed, in words a user can act on ("connection refused", "host name not
 * found"), instead of a Java exception's class name. Shared by the agent and the client.
 */
public final class NetworkFailures {
  private static final int MAX_DEPTH = 12;

  private NetworkFailures() {}

  /** The reason for {@code failure}, looking through its causes; TLS failures as {@link RelayTrust} words them. */
  public static String describe(Throwable failure) {
    java.util.Optional<String> tls = RelayTrust.describeTlsFailure(failure);
    if (tls.isPresent()) {
      return tls.get();
    }
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
      String reason = reason(t);
      if (reason != null) {
        return reason;
      }
      t = t.getCause();
    }
    return "network error";
  }

  private static String reason(Throwable t) {
    if (t instanceof ConnectException) {
      String m = message(t);
      return m.contains("timed out") ? "no answer in time" : "connection refused";
    }
    if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
      return "host name not found";
    }
    if (t instanceof NoRouteToHostException) {
      return "no route to the host";
    }
    if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
      return "no answer in time";
    }
    if (t instanceof ClosedChannelException || t instanceof EOFException
        || t.getClass().getSimpleName().equals("EofException")) {
      return "the connection was closed";
    }
    if (t instanceof SocketException) {
      String m = message(t);
      if (m.contains("reset")) {
        return "the connection was reset";
      }
      if (m.contains("unreachable")) {
        return "the network is unreachable";
      }
      return "network error";
    }
    return null;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
  }
}
