package io.printerlink.relay.http;

import io.printerlink.protocol.Secret;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses {@code Authorization: Bearer <token>} for HTTP requests and WebSocket upgrades alike. */
public final class Bearer {
  private static final String PREFIX = "Bearer ";
  private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");

  private Bearer() {}

  public static Optional<Secret> from(String authorization) {
    if (authorization == null || authorization.length() > PREFIX.length() + 128
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(PREFIX.length()).trim();
    if (!TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    return Optional.of(Secret.fromText(token));
  }
}
