package io.printerlink.agent.state;

import io.printerlink.protocol.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored printer token with what it links to. Not a record (a record's accessors and
 * {@code toString} would hand the secret around); the token stays a {@link Secret}.
 */
public final class StoredLink {
  private final Secret token;
  private final LinkInfo info;

  public StoredLink(Secret token, LinkInfo info) {
    this.token = Objects.requireNonNull(token, "token");
    this.info = info;
  }

  public Secret token() {
    return token;
  }

  /** Empty when {@code link.json} was missing or unreadable; the relay's hello fills it in. */
  public Optional<LinkInfo> info() {
    return Optional.ofNullable(info);
  }

  @Override
  public String toString() {
    return "StoredLink[token=redacted, info=" + info + "]";
  }
}
