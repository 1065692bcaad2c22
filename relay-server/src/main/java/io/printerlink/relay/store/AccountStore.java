package io.printerlink.relay.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Accounts and sessions. Session tokens are stored as SHA-256 hex only. */
public final class AccountStore {
  private final Database db;

  public AccountStore(Database db) {
    this.db = db;
  }

  /** Inserts an account; empty when the username is taken. */
  public Optional<Account> create(Account account, String passwordHash, Instant now) {
    return db.inTransaction(c -> {
      try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM accounts WHERE username = ?")) {
        check.setString(1, account.username());
        try (ResultSet rs = check.executeQuery()) {
          if (rs.next()) {
            return Optional.<Account>empty();
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO accounts (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, account.id());
        ps.setString(2, account.username());
        ps.setString(3, account.displayName());
        ps.setString(4, passwordHash);
        ps.setTimestamp(5, Timestamp.from(now));
        ps.executeUpdate();
      } catch (SQLException e) {
        if (isUniqueViolation(e)) {
          return Optional.<Account>empty();
        }
        throw e;
      }
      return Optional.of(account);
    });
  }

  /** The account and its stored password hash, by username. */
  public Optional<Credentials> credentials(String username) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, username, display_name, password_hash FROM accounts WHERE username = ? AND disabled = FALSE")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<Credentials>empty();
          }
          return Optional.of(new Credentials(
              new Account(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4)));
        }
      }
    });
  }

  public Optional<Account> byId(String accountId) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, username, display_name FROM accounts WHERE id = ?")) {
        ps.setString(1, accountId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new Account(rs.getString(1), rs.getString(2), rs.getString(3)))
              : Optional.<Account>empty();
        }
      }
    });
  }

  public void createSession(String tokenHash, String accountId, Instant now) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO sessions (token_hash, account_id, created_at, revoked) VALUES (?, ?, ?, FALSE)")) {
        ps.setString(1, tokenHash);
        ps.setString(2, accountId);
        ps.setTimestamp(3, Timestamp.from(now));
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** The account of a live (not revoked) session. */
  public Optional<Account> sessionAccount(String tokenHash) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT a.id, a.username, a.display_name FROM sessions s JOIN accounts a ON a.id = s.account_id "
              + "WHERE s.token_hash = ? AND s.revoked = FALSE")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new Account(rs.getString(1), rs.getString(2), rs.getString(3)))
              : Optional.<Account>empty();
        }
      }
    });
  }

  public boolean revokeSession(String tokenHash) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE sessions SET revoked = TRUE WHERE token_hash = ? AND revoked = FALSE")) {
        ps.setString(1, tokenHash);
        return ps.executeUpdate() == 1;
      }
    });
  }

  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** An account with its stored password hash; only the sign-in path sees this. */
  public record Credentials(Account account, String passwordHash) {
    @Override
    public String toString() {
      return "Credentials[" + account.id() + "]";
    }
  }

}
