package io.printerlink.relay.ws;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.api.ErrorResponse;
import io.printerlink.relay.http.ApiHandler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Refusing a WebSocket upgrade before it happens, with the one JSON error shape. */
public final class Upgrades {
  private Upgrades() {}

  /** Writes 401 UNAUTHORIZED and completes the callback; the creator then returns null. */
  public static Object refuseUnauthorized(Response response, Callback callback, String message) {
    ApiHandler.writeError(response, 401, new ErrorResponse(ErrorCodes.UNAUTHORIZED, message), callback);
    return null;
  }
}
