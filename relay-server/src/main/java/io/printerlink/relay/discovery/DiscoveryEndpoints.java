package io.printerlink.relay.discovery;

import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;

/** {@code GET /api/v1/discovery}: printers in discovery on the caller's own network key. */
public final class DiscoveryEndpoints {
  private final AccountService accounts;
  private final DiscoveryService discovery;

  public DiscoveryEndpoints(AccountService accounts, DiscoveryService discovery) {
    this.accounts = accounts;
    this.discovery = discovery;
  }

  public void register(ApiHandler.Builder routes) {
    routes.get("/api/v1/discovery", ex -> {
      accounts.authenticate(ex.bearer());
      return Reply.ok(discovery.snapshot(ex.networkKey()));
    });
  }
}
