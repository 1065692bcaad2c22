package io.printerlink.relay.http;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.relay.net.ClientAddressResolver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP API: routes by method and path template ({@code /api/v1/printers/{id}}), runs the
 * endpoint, writes its JSON reply, and sends every failure through the one {@link ErrorMapper}.
 * Every branch completes the callback. Unknown path 404, known path with another method 405.
 */
public final class ApiHandler extends Handler.Abstract {
  private final List<Route> routes;
  private final ClientAddressResolver addresses;
  private final ErrorMapper errors;
  private final int maxBodyBytes;

  private ApiHandler(List<Route> routes, ClientAddressResolver addresses, ErrorMapper errors, int maxBodyBytes) {
    super(InvocationType.BLOCKING);
    this.routes = List.copyOf(routes);
    this.addresses = addresses;
    this.errors = errors;
    this.maxBodyBytes = maxBodyBytes;
  }

  public static Builder builder(ClientAddressResolver addresses, ErrorMapper errors, int maxBodyBytes) {
    return new Builder(addresses, errors, maxBodyBytes);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    String path = Request.getPathInContext(request);
    try {
      Reply reply = dispatch(request, method, path);
      if (reply.body() == null) {
        response.setStatus(reply.status());
        response.write(true, null, callback);
      } else {
        write(response, reply.status(), Json.write(reply.body()), callback);
      }
    } catch (Throwable t) {
      ErrorMapper.Mapped m = errors.map(t, method, path);
      if (t instanceof ApiException && ((ApiException) t).retryAfterSeconds() != null) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(((ApiException) t).retryAfterSeconds()));
      }
      write(response, m.status(), Json.write(m.body()), callback);
    }
    return true;
  }

  private Reply dispatch(Request request, String method, String path) throws Exception {
    String[] segments = split(path);
    boolean pathKnown = false;
    for (Route r : routes) {
      Map<String, String> params = r.match(segments);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (r.method.equals(method)) {
        return r.endpoint.handle(new ApiExchange(request, params, addresses, maxBodyBytes));
      }
    }
    if (pathKnown) {
      throw new ApiException(405, ErrorCodes.METHOD_NOT_ALLOWED, "method not allowed on this path");
    }
    throw new ApiException(404, ErrorCodes.NOT_FOUND, "no such endpoint");
  }

  /** Writes a JSON error the same way from outside the router (WebSocket upgrade refusals). */
  public static void writeError(Response response, int status, ErrorResponse body, Callback callback) {
    write(response, status, Json.write(body), callback);
  }

  private static void write(Response response, int status, String json, Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (status == 401) {
      // RFC 9110: a 401 carries a challenge (clients such as Jetty's refuse one without it).
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"printerlink\"");
    }
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static String[] split(String path) {
    if (path == null || path.isEmpty() || "/".equals(path)) {
      return new String[0];
    }
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.split("/", -1);
  }

  private static final class Route {
    final String method;
    final String[] template;
    final Endpoint endpoint;

    Route(String method, String template, Endpoint endpoint) {
      this.method = method;
      this.template = split(template);
      this.endpoint = endpoint;
    }

    Map<String, String> match(String[] segments) {
      if (segments.length != template.length) {
        return null;
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < template.length; i++) {
        String t = template[i];
        if (t.startsWith("{") && t.endsWith("}")) {
          if (segments[i].isEmpty() || segments[i].length() > 64) {
            return null;
          }
          params.put(t.substring(1, t.length() - 1), segments[i]);
        } else if (!t.equals(segments[i])) {
          return null;
        }
      }
      return params;
    }
  }

  /** Collects routes; one registration method (in {@code RelayServer}) serves main and tests. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private final ClientAddressResolver addresses;
    private final ErrorMapper errors;
    private final int maxBodyBytes;

    private Builder(ClientAddressResolver addresses, ErrorMapper errors, int maxBodyBytes) {
      this.addresses = addresses;
      this.errors = errors;
      this.maxBodyBytes = maxBodyBytes;
    }

    public Builder get(String path, Endpoint e) {
      routes.add(new Route("GET", path, e));
      return this;
    }

    public Builder post(String path, Endpoint e) {
      routes.add(new Route("POST", path, e));
      return this;
    }

    public Builder delete(String path, Endpoint e) {
      routes.add(new Route("DELETE", path, e));
      return this;
    }

    public Builder patch(String path, Endpoint e) {
      routes.add(new Route("PATCH", path, e));
      return this;
    }

    public ApiHandler build() {
      return new ApiHandler(routes, addresses, errors, maxBodyBytes);
    }
  }
}
