package io.printerlink.agent.codes;

import io.printerlink.agent.audit.AuditLog;
import io.printerlink.agent.state.LinkInfo;
import io.printerlink.agent.state.StoredLink;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.NetworkFailures;
import io.printerlink.protocol.RelayTrust;
import io.printerlink.protocol.RelayUrls;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.SecretAccess;
import io.printerlink.protocol.api.AgentLinkCodeRequest;
import io.printerlink.protocol.api.AgentLinkCodeResponse;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.protocol.ws.LinkRequestRef;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links this printer with a 6-digit code typed at the printer (PROTOCOL.md "The manual
 * fallback"): {@code POST /api/v1/agent/link-code} with the printer's info, then, like the auto
 * path's token step, store the printer token (0600, {@link TokenStore}) and only then acknowledge
 * it with {@code POST /api/v1/agent/token-stored}. Every outcome is a {@link Result} with a
 * plain-words message; nothing here throws for a relay answer or a network failure.
 */
public final class CodeLinker {
  public static final String LINK_CODE_PATH = "/api/v1/agent/link-code";
  public static final String TOKEN_STORED_PATH = "/api/v1/agent/token-stored";

  public static final String NOT_FOUND = "no live code has these digits; check the code shown in the app";
  public static final String EXPIRED = "this code has expired; ask the app for a new one";
  public static final String ALREADY_USED = "this code was already used; ask the app for a new one";
  public static final String NOT_SUPPORTED = "relay does not support link codes v1";
  public static final String ACK_TOO_LATE =
      "the relay stopped waiting for this printer to confirm the link; ask the app for a new code";

  /**
   * How long an acknowledgement that got no answer (network error, relay restarting, 5xx) is
   * retried. The acknowledgement is idempotent on the relay (a second one for a linked code is
   * 204), and a relay that restarted answers it definitively (204 when it had linked, 410 when its
   * start-up recovery rolled the link back), so retrying turns "answer lost" into the truth instead
   * of wiping a token the relay may already have activated.
   */
  public static final Duration DEFAULT_ACK_RETRY = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(CodeLinker.class);
  private static final int MAX_RESPONSE_BYTES = Limits.MAX_BODY_BYTES;
  private static final Duration FIRST_ACK_PAUSE = Duration.ofMillis(250);
  private static final Duration MAX_ACK_PAUSE = Duration.ofSeconds(2);
  /** One confirmation attempt: it is a tiny call, so a relay that hangs is given up on and tried again. */
  private static final Duration ACK_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

  /** What the printer tells the relay about itself. */
  public record PrinterInfo(String hostname, String name, String version, String model) {}

  /** Linked (with what to), or not (and why, in plain words). */
  public record Result(boolean linked, String message, Optional<LinkInfo> link) {
    static Result failed(String message) {
      return new Result(false, message, Optional.empty());
    }
  }

  private final HttpClient http;
  private final URI relay;
  private final Duration timeout;
  private final TokenStore tokens;
  private final Duration ackRetry;

  /**
   * @param http a started client (the caller owns it and sets its connect timeout)
   * @param relay the relay's http(s) base URL; a path in it prefixes the API paths
   * @param timeout total time for one call
   */
  public CodeLinker(HttpClient http, URI relay, Duration timeout, TokenStore tokens) {
    this(http, relay, timeout, tokens, DEFAULT_ACK_RETRY);
  }

  /** As above; {@code ackRetry}: how long an unanswered acknowledgement is retried. */
  public CodeLinker(HttpClient http, URI relay, Duration timeout, TokenStore tokens, Duration ackRetry) {
    this.http = http;
    this.relay = relay;
    this.timeout = timeout;
    this.tokens = tokens;
    this.ackRetry = ackRetry;
  }

  /** Redeems {@code code} (already normalised to 6 digits), stores the token, acknowledges it. */
  public Result link(String code, PrinterInfo printer) {
    try {
      Optional<StoredLink> existing = tokens.load();
      if (existing.isPresent()) {
        String who = existing.get().info().map(i -> " (printer " + i.printerId() + ", account \"" + i.accountName() + "\")")
            .orElse("");
        return Result.failed("this printer is already linked" + who + "; unlink it in the app (the wizard's My printers, or its command line: unlink PRINTER_ID) and delete "
            + tokens.tokenFile() + " to link it again");
      }
    } catch (IOException e) {
      return Result.failed("cannot read the state folder " + tokens.directory() + ": " + e.getMessage());
    }
    AgentLinkCodeRequest req = new AgentLinkCodeRequest(
        Limits.PROTOCOL_VERSION, code, printer.hostname(), printer.name(), printer.version(), printer.model());
    ContentResponse redeemed;
    try {
      redeemed = send(post(LINK_CODE_PATH, Json.write(req)));
    } catch (NoAnswer e) {
      // The request reached the relay, which may still redeem it (a slow or frozen relay answers
      // later): the code may be used up, and the app then says the printer did not confirm.
      return Result.failed(e.getMessage() + "; if it got the request anyway the code is used up:"
          + " ask the app for a new code before trying again");
    } catch (IOException e) {
      return Result.failed(e.getMessage());
    }
    if (redeemed.getStatus() != 201) {
      Result r = Result.failed(describeRefusal(redeemed));
      AuditLog.event("link code refused by the relay: HTTP {} ({})", redeemed.getStatus(), r.message());
      return r;
    }
    AgentLinkCodeResponse granted;
    try {
      granted = Json.parse(redeemed.getContent(), AgentLinkCodeResponse.class);
    } catch (JsonInputException e) {
      return Result.failed("the relay sent an answer this agent cannot read (" + e.getMessage() + ")");
    }
    LinkInfo info = new LinkInfo(granted.printerId(), granted.accountId(), granted.accountName());
    try {
      tokens.save(new StoredLink(granted.token(), info));
    } catch (IOException e) {
      // No acknowledgement: the relay rolls the printer back after its timeout.
      return Result.failed("could not store the printer token in " + tokens.directory() + ": " + e.getMessage());
    }
    ContentResponse acked;
    try {
      acked = acknowledge(granted);
    } catch (IOException e) {
      wipe();
      return Result.failed("the link was not confirmed: " + e.getMessage() + " (tried for " + ackRetry.toSeconds()
          + " s); the relay drops an unconfirmed link, so ask the app for a new code"
          + " (if the app lists this printer anyway, unlink it there)");
    }
    if (acked.getStatus() != 204) {
      wipe();
      return Result.failed(acked.getStatus() == 410 ? ACK_TOO_LATE : "the relay refused the confirmation: "
          + describeRefusal(acked));
    }
    AuditLog.event("linked with a code: printer {}, account {}", info.printerId(), info.accountId());
    return new Result(true, "linked to account \"" + info.accountName() + "\" as printer " + info.printerId(),
        Optional.of(info));
  }

  /**
   * {@code POST token-stored}, retried while it gets no answer or a 5xx, for up to {@code ackRetry}.
   *
   * @throws IOException the last failure when no answer came in that time
   */
  private ContentResponse acknowledge(AgentLinkCodeResponse granted) throws IOException {
    String body = Json.write(new LinkRequestRef(granted.linkRequestId()));
    long deadline = System.nanoTime() + ackRetry.toNanos();
    Duration pause = FIRST_ACK_PAUSE;
    boolean warned = false;
    while (true) {
      long left = deadline - System.nanoTime();
      IOException failure = null;
      ContentResponse answer = null;
      try {
        // SecretAccess: the printer token leaves its wrapper only as this request's bearer header.
        Request ack = post(TOKEN_STORED_PATH, body, attemptTimeout(left))
            .headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + granted.token().text(SecretAccess.REVEAL)));
        answer = send(ack);
        if (answer.getStatus() < 500) {
          return answer;
        }
      } catch (IOException e) {
        failure = e;
      }
      left = deadline - System.nanoTime();
      if (left <= pause.toNanos()) {
        if (failure != null) {
          throw failure;
        }
        return answer;
      }
      if (!warned) {
        warned = true;
        LOG.warn("the relay did not answer the link confirmation ({}); retrying for up to {} s",
            failure != null ? failure.getMessage() : "HTTP " + answer.getStatus(), ackRetry.toSeconds());
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while confirming the link");
      }
      pause = pause.multipliedBy(2).compareTo(MAX_ACK_PAUSE) > 0 ? MAX_ACK_PAUSE : pause.multipliedBy(2);
    }
  }

  private Duration attemptTimeout(long leftNanos) {
    Duration t = Duration.ofNanos(Math.max(leftNanos, FIRST_ACK_PAUSE.toNanos()));
    t = t.compareTo(timeout) < 0 ? t : timeout;
    return t.compareTo(ACK_ATTEMPT_TIMEOUT) < 0 ? t : ACK_ATTEMPT_TIMEOUT;
  }

  /** The relay's refusal in plain words; C-14: a missing endpoint is "does not support", not "wrong code". */
  static String describeRefusal(ContentResponse response) {
    ErrorResponse err;
    try {
      err = Json.parse(response.getContent(), ErrorResponse.class);
    } catch (JsonInputException | RuntimeException e) {
      return response.getStatus() == 404 ? NOT_SUPPORTED : "the relay answered HTTP " + response.getStatus();
    }
    switch (err.error()) {
      case ErrorCodes.CODE_NOT_FOUND:
        return NOT_FOUND;
      case ErrorCodes.CODE_EXPIRED:
        return EXPIRED;
      case ErrorCodes.CODE_ALREADY_USED:
        return ALREADY_USED;
      case ErrorCodes.PROTOCOL_UNSUPPORTED:
      case ErrorCodes.NOT_FOUND:
      case ErrorCodes.METHOD_NOT_ALLOWED:
        return NOT_SUPPORTED;
      case ErrorCodes.RATE_LIMITED: {
        String after = response.getHeaders().get(HttpHeader.RETRY_AFTER);
        return "too many wrong codes from this network; try again"
            + (after != null && after.matches("[0-9]{1,6}") ? " in " + after + " s" : " later");
      }
      case ErrorCodes.INVALID_FIELD:
        return "the relay refused the request: " + err.message();
      default:
        return "the relay refused: " + err.error() + " (" + err.message() + ")";
    }
  }

  private void wipe() {
    try {
      tokens.wipe();
    } catch (IOException e) {
      LOG.warn("could not delete the unconfirmed token in {}: {}", tokens.directory(), e.toString());
    }
  }

  private Request post(String path, String json) {
    return post(path, json, timeout);
  }

  private Request post(String path, String json, Duration callTimeout) {
    return http.newRequest(endpoint(path))
        .method(HttpMethod.POST)
        .followRedirects(false)
        .timeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .headers(h -> h.put(HttpHeader.ACCEPT, "application/json"))
        .body(new StringRequestContent("application/json", json, StandardCharsets.UTF_8));
  }

  private URI endpoint(String path) {
    return RelayUrls.http(relay, path);
  }

  private ContentResponse send(Request request) throws IOException {
    String where = relay.getRawAuthority();
    try {
      return new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.abort(e);
      throw new IOException("interrupted while calling the relay");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.util.concurrent.TimeoutException) {
        throw new NoAnswer("the relay at " + where + " did not answer in time");
      }
      String reason = NetworkFailures.describe(cause);
      if (neverSent(cause)) {
        throw new IOException("cannot reach the relay at " + where + ": " + reason);
      }
      throw new NoAnswer("the connection to the relay at " + where + " broke before its answer (" + reason + ")");
    }
  }

  /** Whether {@code failure} happened before the request could leave (no connection, no TLS session). */
  private static boolean neverSent(Throwable failure) {
    if (RelayTrust.describeTlsFailure(failure).isPresent()) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /** The request may have reached the relay, but no answer came back. */
  private static final class NoAnswer extends IOException {
    NoAnswer(String message) {
      super(message);
    }
  }
}
