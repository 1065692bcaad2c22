package io.printerlink.agent.exchange;

import io.printerlink.agent.audit.AuditLog;
import io.printerlink.agent.window.DiscoveryWindow;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.ExchangeRequest;
import io.printerlink.protocol.api.ExchangeResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * The agent's LAN endpoint, {@code POST /discovery/v1/exchange} (PROTOCOL.md step 4), the only
 * thing its port serves. In policy order:
 *
 * <ol>
 *   <li>any other path or method: bare 404;
 *   <li>the TCP peer of this connection must pass the {@link PeerPolicy} (headers such as
 *       X-Forwarded-For are never read): else bare 403, not counted as a failed attempt, so a
 *       peer that may not even try cannot close the window for the LAN;
 *   <li>no open window: bare 403;
 *   <li>body over 16 KiB, or not a strict {@link ExchangeRequest}: bare 403, counted as a failed
 *       attempt (a malformed request is a failed guess; a 400 would tell a prober more than we
 *       want and would give a free retry);
 *   <li>instance id compared in constant time: mismatch is a bare 403, counted; the
 *       {@code maxExchangeFailures}-th failure closes the window;
 *   <li>success: 200 {@link ExchangeResponse} with {@code Cache-Control: no-store}.
 * </ol>
 */
public final class ExchangeHandler extends Handler.Abstract {
  public static final String PATH = "/discovery/v1/exchange";

  private final Supplier<Optional<DiscoveryWindow>> currentWindow;
  private final PeerPolicy peerPolicy;

  /** The agent's handler: LAN peers only. */
  public ExchangeHandler(Supplier<Optional<DiscoveryWindow>> currentWindow) {
    this(currentWindow, PeerPolicy.LAN_ONLY);
  }

  public ExchangeHandler(Supplier<Optional<DiscoveryWindow>> currentWindow, PeerPolicy peerPolicy) {
    this.currentWindow = Objects.requireNonNull(currentWindow, "currentWindow");
    this.peerPolicy = Objects.requireNonNull(peerPolicy, "peerPolicy");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!PATH.equals(Request.getPathInContext(request)) || !HttpMethod.POST.is(request.getMethod())) {
      return bare(response, callback, HttpStatus.NOT_FOUND_404);
    }
    Optional<InetAddress> peer = peerAddress(request);
    String peerText = peer.map(InetAddress::getHostAddress).orElse("unknown");
    if (peer.isEmpty() || !peerPolicy.allows(peer.get())) {
      AuditLog.event("exchange refused: peer {} is not on the LAN", peerText);
      return bare(response, callback, HttpStatus.FORBIDDEN_403);
    }
    Optional<DiscoveryWindow> window = currentWindow.get().filter(DiscoveryWindow::isOpen);
    if (window.isEmpty()) {
      AuditLog.event("exchange refused: peer {}, no open discovery window", peerText);
      return bare(response, callback, HttpStatus.FORBIDDEN_403);
    }
    long declared = request.getLength();
    if (declared > Limits.MAX_BODY_BYTES) {
      window.get().countFailure();
      AuditLog.event("exchange refused: peer {}, body too large", peerText);
      return bare(response, callback, HttpStatus.FORBIDDEN_403);
    }
    Content.Source.asByteArrayAsync(request, Limits.MAX_BODY_BYTES)
        .whenComplete(
            (body, failure) -> {
              try {
                answer(window.get(), peerText, failure == null ? body : null, response, callback);
              } catch (RuntimeException e) {
                callback.failed(e);
              }
            });
    return true;
  }

  private void answer(
      DiscoveryWindow window, String peerText, byte[] body, Response response, Callback callback) {
    String presented;
    try {
      if (body == null) {
        throw new JsonInputException("TOO_LARGE", "body unreadable or too large");
      }
      presented = Json.parse(body, ExchangeRequest.class).instanceId();
    } catch (JsonInputException e) {
      window.countFailure();
      AuditLog.event(
          "exchange refused: peer {}, malformed request, failures {}", peerText, window.failures());
      bare(response, callback, HttpStatus.FORBIDDEN_403);
      return;
    }
    Optional<Secret> secret = window.exchange(presented);
    if (secret.isEmpty()) {
      AuditLog.event(
          "exchange refused: peer {}, wrong instance id or window closed, failures {}",
          peerText,
          window.failures());
      bare(response, callback, HttpStatus.FORBIDDEN_403);
      return;
    }
    String json;
    try {
      json = Json.write(new ExchangeResponse(secret.get()));
    } finally {
      secret.get().destroy();
    }
    AuditLog.event("exchange served: peer {}, instance {}", peerText, window.instanceId());
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** The TCP peer of this connection; never a header. */
  static Optional<InetAddress> peerAddress(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress && ((InetSocketAddress) remote).getAddress() != null) {
      return Optional.of(((InetSocketAddress) remote).getAddress());
    }
    return Optional.empty();
  }

  private static boolean bare(Response response, Callback callback, int status) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    return true;
  }
}
