package io.printerlink.relay.linking;

import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.http.ApiExchange;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;
import io.printerlink.relay.limits.Throttle;
import io.printerlink.relay.net.CrowdedKeyAlarm;
import io.printerlink.relay.store.Account;

/**
 * {@code /api/v1/link-requests}. Starting one is rate-limited per network key and per account
 * (429 {@code RATE_LIMITED} with {@code Retry-After}), judged after sign-in so that anonymous noise
 * cannot spend a network's allowance.
 */
public final class LinkEndpoints {
  /** The limits on starting link requests. */
  public record Limits(Throttle perNetworkKey, Throttle perAccount) {}

  private final AccountService accounts;
  private final LinkService linking;
  private final Limits limits;
  private final CrowdedKeyAlarm alarm;

  public LinkEndpoints(AccountService accounts, LinkService linking, Limits limits, CrowdedKeyAlarm alarm) {
    this.accounts = accounts;
    this.linking = linking;
    this.limits = limits;
    this.alarm = alarm;
  }

  public void register(ApiHandler.Builder routes) {
    routes.post("/api/v1/link-requests", this::create);
    routes.get("/api/v1/link-requests/{id}", this::get);
  }

  private Reply create(ApiExchange ex) throws Exception {
    Account account = accounts.authenticate(ex.bearer());
    String networkKey = ex.networkKey();
    alarm.accountSeen(networkKey, account.id());
    limits.perNetworkKey().acquire(networkKey);
    limits.perAccount().acquire(account.id());
    LinkRequestCreate req = ex.body(LinkRequestCreate.class);
    return Reply.accepted(linking.create(account, networkKey, req));
  }

  private Reply get(ApiExchange ex) {
    Account account = accounts.authenticate(ex.bearer());
    return Reply.ok(linking.view(account, ex.pathParam("id")));
  }
}
