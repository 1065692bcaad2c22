package io.printerlink.relay.http;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Secret;
import io.printerlink.relay.net.ClientAddressResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;

/** One API request as endpoints see it: body, bearer token, path parameters, network key. */
public final class ApiExchange {
  private final Request request;
  private final Map<String, String> pathParams;
  private final ClientAddressResolver addresses;
  private final int maxBodyBytes;

  ApiExchange(Request request, Map<String, String> pathParams, ClientAddressResolver addresses, int maxBodyBytes) {
    this.request = request;
    this.pathParams = Map.copyOf(pathParams);
    this.addresses = addresses;
    this.maxBodyBytes = maxBodyBytes;
  }

  public String pathParam(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return v;
  }

  /** The caller's network key, from the TCP peer (see {@link ClientAddressResolver}). */
  public String networkKey() {
    return addresses.networkKey(request);
  }

  /** The bearer token of {@code Authorization: Bearer ...}, if well-formed. */
  public Optional<Secret> bearer() {
    return Bearer.from(request.getHeaders().get(HttpHeader.AUTHORIZATION));
  }

  /**
   * The body as {@code type}: JSON content type required (415), at most {@code maxBodyBytes}
   * (413, judged from Content-Length before reading and counted while reading), parsed strictly.
   */
  public <T extends Record> T body(Class<T> type) throws JsonInputException {
    requireJson();
    return Json.parse(boundedBody(), type);
  }

  /**
   * For a call that takes no body: none (or an empty one) is fine; anything else gets what
   * {@link #body} would give a call whose body has no fields: 415 unless JSON, 413 when too large,
   * 400 unless exactly {@code {}} (unknown fields are refused as everywhere).
   */
  public void noBody() throws JsonInputException {
    byte[] bytes = boundedBody();
    if (bytes.length == 0) {
      return;
    }
    requireJson();
    Json.parse(bytes, NoFields.class);
  }

  /** The body of a call that takes none: {@code {}} (public: {@link Json} builds records by reflection). */
  public record NoFields() {}

  private void requireJson() {
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (contentType == null || !"application/json".equalsIgnoreCase(MimeTypes.getContentTypeWithoutCharset(contentType).trim())) {
      throw new ApiException(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }
  }

  private byte[] boundedBody() {
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    return readAtMost(maxBodyBytes);
  }

  private byte[] readAtMost(int max) {
    byte[] buf = new byte[max + 1];
    int n = 0;
    try (InputStream in = Request.asInputStream(request)) {
      while (n < buf.length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      throw new ApiException(400, ErrorCodes.BAD_JSON, "the body could not be read");
    }
    if (n > max) {
      throw tooLarge();
    }
    byte[] out = new byte[n];
    System.arraycopy(buf, 0, out, 0, n);
    return out;
  }

  private ApiException tooLarge() {
    return new ApiException(413, ErrorCodes.TOO_LARGE, "body exceeds " + maxBodyBytes + " bytes");
  }
}
