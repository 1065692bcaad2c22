package io.printerlink.relay.http;

/** One API operation. Throw {@link ApiException} to refuse; any other failure becomes 500. */
@FunctionalInterface
public interface Endpoint {
  Reply handle(ApiExchange exchange) throws Exception;
}
