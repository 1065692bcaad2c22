package io.printerlink.desktop.core;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.protocol.api.LinkCodeResponse;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.api.PrintersResponse;
import io.printerlink.protocol.api.RenamePrinterRequest;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.api.SignInRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The relay's client HTTP API (docs/WIRE.md). Every answer is parsed strictly; every error
 * becomes a {@link RelayException} with the relay's code, message and HTTP status. Tokens and
 * passwords travel only in headers and bodies, never in messages.
 */
public final class RelayClient {
  /** Responses larger than this are refused (the relay's bodies are capped at 16 KiB anyway). */
  static final int MAX_RESPONSE_BYTES = 4 * Limits.MAX_BODY_BYTES;

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;

  /**
   * @param http a started Jetty client (owned by the caller)
   * @param relayBase the relay's base URL, e.g. {@code https://relay.example.com/}
   * @param timeout total time for one call
   */
  public RelayClient(HttpClient http, URI relayBase, Duration timeout) {
    if (http == null || relayBase == null || timeout == null) {
      throw new IllegalArgumentException("http, relayBase and timeout are required");
    }
    this.http = http;
    this.base = io.printerlink.protocol.RelayUrls.parse(relayBase.toString());
    this.timeout = timeout;
  }

  public URI base() {
    return base;
  }

  /** The relay's events WebSocket URL ({@code ws(s)://host:port[/base]/client/v1/events}). */
  public URI eventsUri() {
    return io.printerlink.protocol.RelayUrls.webSocket(base, "/client/v1/events");
  }

  public Session createAccount(String username, Secret password, String displayName) throws RelayException {
    String body = Json.write(new CreateAccountRequest(username, password, displayName));
    return Session.from(call(HttpMethod.POST, "/api/v1/accounts", null, body, 201, SessionResponse.class));
  }

  public Session signIn(String username, Secret password) throws RelayException {
    String body = Json.write(new SignInRequest(username, password));
    return Session.from(call(HttpMethod.POST, "/api/v1/sessions", null, body, 201, SessionResponse.class));
  }

  /** Revokes the session on the relay, then forgets its token locally. */
  public void signOut(Session session) throws RelayException {
    try {
      call(HttpMethod.DELETE, "/api/v1/sessions/current", session, null, 204, null);
    } finally {
      session.destroy();
    }
  }

  public DiscoveryResponse discovery(Session session) throws RelayException {
    return call(HttpMethod.GET, "/api/v1/discovery", session, null, 200, DiscoveryResponse.class);
  }

  public LinkRequestView createLinkRequest(Session session, LinkRequestCreate create) throws RelayException {
    return call(HttpMethod.POST, "/api/v1/link-requests", session, Json.write(create), 202, LinkRequestView.class);
  }

  public LinkRequestView getLinkRequest(Session session, String id) throws RelayException {
    return call(HttpMethod.GET, "/api/v1/link-requests/" + segment(id), session, null, 200, LinkRequestView.class);
  }

  /** {@code POST /api/v1/link-codes}: a new code (201) or the account's live one again (200). */
  public LinkCodeResponse issueLinkCode(Session session) throws RelayException {
    return call(HttpMethod.POST, "/api/v1/link-codes", session, "{}", s -> s == 201 || s == 200, LinkCodeResponse.class);
  }

  public PrintersResponse printers(Session session) throws RelayException {
    return call(HttpMethod.GET, "/api/v1/printers", session, null, 200, PrintersResponse.class);
  }

  public void unlink(Session session, String printerId) throws RelayException {
    call(HttpMethod.DELETE, "/api/v1/printers/" + segment(printerId), session, null, 204, null);
  }

  public PrinterView rename(Session session, String printerId, String name) throws RelayException {
    String body = Json.write(new RenamePrinterRequest(name));
    return call(HttpMethod.PATCH, "/api/v1/printers/" + segment(printerId), session, body, 200, PrinterView.class);
  }

  private static String segment(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id is required");
    }
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private <T extends Record> T call(
      HttpMethod method, String path, Session session, String body, int expected, Class<T> type)
      throws RelayException {
    return call(method, path, session, body, s -> s == expected, type);
  }

  private <T extends Record> T call(
      HttpMethod method, String path, Session session, String body, java.util.function.IntPredicate expected,
      Class<T> type) throws RelayException {
    Request request =
        http.newRequest(io.printerlink.protocol.RelayUrls.http(base, path))
            .method(method)
            .followRedirects(false)
            .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .headers(h -> h.put(HttpHeader.ACCEPT, "application/json"));
    if (session != null) {
      // SecretAccess: the session token leaves its wrapper only as this request's header.
      String bearer = "Bearer " + session.token().text(SecretAccess.REVEAL);
      request.headers(h -> h.put(HttpHeader.AUTHORIZATION, bearer));
    }
    if (body != null) {
      request.body(new StringRequestContent("application/json", body, StandardCharsets.UTF_8));
    }
    ContentResponse response = send(request);
    int status = response.getStatus();
    if (!expected.test(status)) {
      throw error(response);
    }
    if (type == null) {
      return null;
    }
    try {
      return Json.parse(response.getContent(), type);
    } catch (JsonInputException e) {
      throw new RelayException(
          RelayException.BAD_RESPONSE, "the relay sent an answer this app cannot read (" + e.getMessage() + ")", status);
    }
  }

  private ContentResponse send(Request request) throws RelayException {
    String where = base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
    try {
      return new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.abort(e);
      throw new RelayException(RelayException.UNREACHABLE, "interrupted while calling the relay", 0);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TimeoutException) {
        throw new RelayException(RelayException.TIMEOUT, "the relay at " + where + " did not answer in time", 0);
      }
      // Jetty's buffer limit (the URL itself was checked when this client was made).
      if (cause instanceof IllegalArgumentException) {
        throw new RelayException(RelayException.BAD_RESPONSE, "the relay's answer was too large", 0);
      }
      throw new RelayException(RelayException.UNREACHABLE,
          "cannot connect to the relay at " + where + ": " + io.printerlink.protocol.NetworkFailures.describe(cause), 0);
    }
  }

  /** " (in about N min)" from a 429's {@code Retry-After} seconds, so the user knows how long; else "". */
  static String retryAfter(ContentResponse response) {
    String header = response.getHeaders().get(HttpHeader.RETRY_AFTER);
    if (response.getStatus() != 429 || header == null) {
      return "";
    }
    try {
      long seconds = Long.parseLong(header.strip());
      if (seconds <= 0 || seconds > 86_400) {
        return "";
      }
      return seconds < 90 ? " (in about " + seconds + " s)" : " (in about " + ((seconds + 59) / 60) + " min)";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  private static RelayException error(ContentResponse response) {
    int status = response.getStatus();
    try {
      ErrorResponse err = Json.parse(response.getContent(), ErrorResponse.class);
      return new RelayException(err.error(), err.message() + retryAfter(response), status);
    } catch (JsonInputException | RuntimeException e) {
      String code = status == 401 ? ErrorCodes.UNAUTHORIZED : status == 404 ? ErrorCodes.NOT_FOUND : RelayException.BAD_RESPONSE;
      return new RelayException(code, "the relay answered HTTP " + status, status);
    }
  }
}
