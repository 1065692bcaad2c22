package io.printerlink.relay.accounts;

import io.printerlink.protocol.ErrorCodes;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.SessionResponse;
import io.printerlink.protocol.api.SignInRequest;
import io.printerlink.relay.http.ApiException;
import io.printerlink.relay.store.Account;
import io.printerlink.relay.store.AccountStore;
import io.printerlink.relay.store.AuditLog;
import io.printerlink.relay.store.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accounts and bearer sessions: create, sign in, sign out, authenticate. */
public final class AccountService {
  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

  private final AccountStore store;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;
  private final Consumer<String> sessionRevoked;
  private final AccountLimits limits;

  /**
   * @param sessionRevoked told the token hash of a session just signed out, so open sockets of
   *     that session close at once
   */
  public AccountService(AccountStore store, PasswordHasher hasher, AuditLog audit, Ids ids, SecureRandom random,
      Clock clock, Consumer<String> sessionRevoked, AccountLimits limits) {
    this.store = store;
    this.hasher = hasher;
    this.audit = audit;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
    this.sessionRevoked = sessionRevoked;
    this.limits = limits;
  }

  public SessionResponse create(CreateAccountRequest req, String networkKey) {
    limits.beforeCreate(networkKey);
    String displayName = req.displayName() != null ? req.displayName() : req.username();
    Account account = new Account(ids.next(Ids.ACCOUNT), req.username(), displayName);
    Optional<Account> created = store.create(account, hasher.hash(req.password()), clock.instant());
    if (created.isEmpty()) {
      throw new ApiException(409, ErrorCodes.USERNAME_TAKEN, "that username is taken");
    }
    LOG.info("account {} created", account.id());
    return newSession(account);
  }

  public SessionResponse signIn(SignInRequest req, String networkKey) {
    limits.beforeSignIn(req.username(), networkKey);
    boolean failed = false;
    try {
      Optional<AccountStore.Credentials> creds = store.credentials(req.username());
      boolean ok;
      if (creds.isEmpty()) {
        hasher.verifyDummy(req.password());
        ok = false;
      } else {
        ok = hasher.verify(req.password(), creds.get().passwordHash());
      }
      if (!ok) {
        failed = true;
        audit.record(AuditLog.SIGN_IN_FAILED, creds.map(c -> c.account().id()).orElse(null), networkKey,
            creds.isEmpty() ? "unknown username" : "wrong password");
        throw new ApiException(401, ErrorCodes.BAD_CREDENTIALS, "wrong username or password");
      }
      return newSession(creds.get().account());
    } finally {
      if (!failed) {
        limits.release(req.username(), networkKey);
      }
    }
  }

  public void signOut(Secret token) {
    String hash = Secrets.sha256Hex(token);
    if (!store.revokeSession(hash)) {
      throw ApiException.unauthorized();
    }
    sessionRevoked.accept(hash);
  }

  /** The signed-in account, or 401. */
  public Account authenticate(Optional<Secret> token) {
    return token.flatMap(this::account).orElseThrow(ApiException::unauthorized);
  }

  /** The account of a live session token. */
  public Optional<Account> account(Secret token) {
    return store.sessionAccount(Secrets.sha256Hex(token));
  }

  private SessionResponse newSession(Account account) {
    Secret token = Secrets.newToken(random);
    store.createSession(Secrets.sha256Hex(token), account.id(), clock.instant());
    return new SessionResponse(account.id(), account.username(), account.displayName(), token);
  }
}
