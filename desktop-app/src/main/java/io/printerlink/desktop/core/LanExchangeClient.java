package io.printerlink.desktop.core;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.ExchangeRequest;
import io.printerlink.protocol.api.ExchangeResponse;
import java.net.URI;
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
import org.eclipse.jetty.http.HttpMethod;

/**
 * Step 4 of PROTOCOL.md: asks the agent, straight over the LAN, for its local secret. Refuses to
 * contact an address that is not a local-network literal (a relay cannot steer the client to
 * the internet). The HTTP client passed in must carry the short LAN connect timeout.
 */
public final class LanExchangeClient {
  static final int MAX_RESPONSE_BYTES = 1024;

  private final HttpClient http;
  private final Duration totalTimeout;

  /** @param http a started Jetty client whose connect timeout is the LAN one (3 s by default) */
  public LanExchangeClient(HttpClient http, Duration totalTimeout) {
    if (http == null || totalTimeout == null) {
      throw new IllegalArgumentException("http and totalTimeout are required");
    }
    this.http = http;
    this.totalTimeout = totalTimeout;
  }

  /** Returns the local secret; the caller destroys it after use. */
  public Secret exchange(DiscoveredPrinter printer) throws ExchangeException {
    String where = printer.privateIp() + ":" + printer.port();
    boolean lan = NetworkAddresses.parseLiteral(printer.privateIp()).map(NetworkAddresses::isLanPeer).orElse(false);
    if (!lan) {
      throw new ExchangeException(ExchangeException.NOT_LAN, "printer address " + where + " is not a local-network address");
    }
    URI uri =
        URI.create("http://" + NetworkAddresses.urlHost(printer.privateIp()) + ":" + printer.port() + "/discovery/v1/exchange");
    Request request =
        http.newRequest(uri)
            .method(HttpMethod.POST)
            .followRedirects(false)
            .timeout(totalTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .body(
                new StringRequestContent(
                    "application/json", Json.write(new ExchangeRequest(printer.instanceId())), StandardCharsets.UTF_8));
    ContentResponse response;
    try {
      response = new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.abort(e);
      throw new ExchangeException(ExchangeException.UNREACHABLE, "interrupted while talking to the printer at " + where);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw new ExchangeException(ExchangeException.UNREACHABLE, "printer unreachable at " + where + " (no answer in time)");
      }
      throw new ExchangeException(ExchangeException.UNREACHABLE, "printer unreachable at " + where);
    }
    if (response.getStatus() == 403) {
      throw new ExchangeException(ExchangeException.REFUSED, "printer refused: its discovery window may have closed");
    }
    if (response.getStatus() != 200) {
      throw new ExchangeException("printer at " + where + " answered HTTP " + response.getStatus());
    }
    ExchangeResponse parsed;
    try {
      parsed = Json.parse(response.getContent(), ExchangeResponse.class);
    } catch (JsonInputException e) {
      throw new ExchangeException("printer at " + where + " sent an answer this app cannot read");
    }
    Secret secret = parsed.localSecret();
    if (!Secrets.isLocalSecretShape(secret)) {
      secret.destroy();
      throw new ExchangeException("printer at " + where + " sent a malformed local secret");
    }
    return secret;
  }
}
