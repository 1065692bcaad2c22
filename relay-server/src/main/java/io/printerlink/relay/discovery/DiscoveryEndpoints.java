package io.printerlink.relay.discovery;

import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;
import io.printerlink.relay.net.CrowdedKeyAlarm;
import io.printerlink.relay.store.Account;

/** {@code GET /api/v1/discovery}: printers in discovery on the caller's own network key. */
public final class DiscoveryEndpoints {
  private final AccountService accounts;
  private final DiscoveryService discovery;
  private final CrowdedKeyAlarm alarm;

  public DiscoveryEndpoints(AccountService accounts, DiscoveryService discovery, CrowdedKeyAlarm alarm) {
    this.accounts = accounts;
    this.discovery = discovery;
    this.alarm = alarm;
  }

  public void register(ApiHandler.Builder routes) {
    routes.get("/api/v1/discovery", ex -> {
      Account account = accounts.authenticate(ex.bearer());
      String networkKey = ex.networkKey();
      alarm.accountSeen(networkKey, account.id());
      return Reply.ok(discovery.snapshot(networkKey));
    });
  }
}
