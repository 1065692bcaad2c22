package io.printerlink.relay.linking;

import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.relay.accounts.AccountService;
import io.printerlink.relay.http.ApiExchange;
import io.printerlink.relay.http.ApiHandler;
import io.printerlink.relay.http.Reply;
import io.printerlink.relay.store.Account;

/** {@code /api/v1/link-requests}. */
public final class LinkEndpoints {
  private final AccountService accounts;
  private final LinkService linking;

  public LinkEndpoints(AccountService accounts, LinkService linking) {
    this.accounts = accounts;
    this.linking = linking;
  }

  public void register(ApiHandler.Builder routes) {
    routes.post("/api/v1/link-requests", this::create);
    routes.get("/api/v1/link-requests/{id}", this::get);
  }

  private Reply create(ApiExchange ex) throws Exception {
    Account account = accounts.authenticate(ex.bearer());
    LinkRequestCreate req = ex.body(LinkRequestCreate.class);
    return Reply.accepted(linking.create(account, ex.networkKey(), req));
  }

  private Reply get(ApiExchange ex) {
    Account account = accounts.authenticate(ex.bearer());
    return Reply.ok(linking.view(account, ex.pathParam("id")));
  }
}
