package io.printerlink.relay.codes;

import io.printerlink.relay.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code link_codes} table (V2 migration) and the PENDING printer rows a redemption makes.
 * Each public method is one transaction. "Unique among live codes" and "one live code per
 * account" are the unique indexes on {@code live_code} / {@code live_account}: this class never
 * looks a candidate code up before inserting it, it inserts and handles the violation.
 */
final class CodeStore {
  static final String LIVE = "LIVE";
  static final String REDEEMED = "REDEEMED";
  static final String LINKED = "LINKED";
  static final String FAILED = "FAILED";
  static final String EXPIRED = "EXPIRED";

  private final Database db;

  CodeStore(Database db) {
    this.db = db;
  }

  /** A live code of an account. {@code fresh}: made by this call (else an earlier one, re-shown). */
  record Live(String id, String code, Instant expiresAt, boolean fresh) {}

  /** Why an issue could not be made. */
  enum IssueRefusal { TOO_MANY_LIVE, NO_FREE_CODE }

  /** An issue attempt's outcome: a live code, or a refusal, plus any stale code of the account it ended. */
  record Issue(Optional<Live> live, IssueRefusal refusal, boolean endedStale) {}

  /**
   * The account's live code, or a new one: ends the account's own code if its time is up, returns
   * the live one if any, refuses when {@code maxLive} codes live relay-wide, else inserts a code
   * from {@code draw}, drawing again (up to {@code attempts} times) when the unique index says
   * the digits are taken by a live code.
   */
  Issue issue(String newId, String accountId, Instant now, Instant expiresAt, Supplier<String> draw, int maxLive,
      int attempts) {
    return db.inTransaction(c -> {
      boolean endedStale = endStale(c, "live_account", accountId, now) > 0;
      Optional<Live> existing = liveOf(c, accountId);
      if (existing.isPresent()) {
        return new Issue(existing, null, endedStale);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM link_codes WHERE state = 'LIVE' AND expires_at > ?")) {
        ps.setTimestamp(1, Timestamp.from(now));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) >= maxLive) {
            return new Issue(Optional.empty(), IssueRefusal.TOO_MANY_LIVE, endedStale);
          }
        }
      }
      for (int i = 0; i < attempts; i++) {
        String code = draw.get();
        // A code whose time is up but that the sweep has not ended yet still holds its slot: end it.
        endStale(c, "live_code", code, now);
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO link_codes (id, account_id, code, live_code, live_account, state, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, 'LIVE', ?, ?)")) {
          ps.setString(1, newId);
          ps.setString(2, accountId);
          ps.setString(3, code);
          ps.setString(4, code);
          ps.setString(5, accountId);
          ps.setTimestamp(6, Timestamp.from(now));
          ps.setTimestamp(7, Timestamp.from(expiresAt));
          ps.executeUpdate();
          return new Issue(Optional.of(new Live(newId, code, expiresAt, true)), null, endedStale);
        } catch (SQLException e) {
          if (!isUniqueViolation(e)) {
            throw e;
          }
          Optional<Live> raced = liveOf(c, accountId);
          if (raced.isPresent()) {
            return new Issue(raced, null, endedStale);
          }
          // the digits belong to another live code: draw again
        }
      }
      return new Issue(Optional.empty(), IssueRefusal.NO_FREE_CODE, endedStale);
    });
  }

  /** What a redemption found. */
  enum Outcome { REDEEMED, NOT_FOUND, EXPIRED, ALREADY_USED }

  /** A redemption's result; the ids and account are set when {@code outcome} is REDEEMED or the code was known. */
  record Redemption(Outcome outcome, String codeId, String accountId, String accountName, boolean endedNow) {
    Redemption(Outcome outcome, String codeId, String accountId, String accountName) {
      this(outcome, codeId, accountId, accountName, false);
    }
  }

  /**
   * Spends a live, unexpired code and inserts its PENDING printer holding {@code tokenHash}, in one
   * transaction; the conditional update makes a second, concurrent redemption of the same code
   * find it already used. A code found live but out of time is ended here (EXPIRED).
   */
  Redemption redeem(String code, Instant now, String printerId, String printerName, String model, String tokenHash) {
    return db.inTransaction(c -> {
      String id;
      String accountId;
      String accountName;
      String state;
      Instant expiresAt;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT lc.id, lc.account_id, a.display_name, lc.state, lc.expires_at FROM link_codes lc "
              + "JOIN accounts a ON a.id = lc.account_id WHERE lc.code = ? "
              + "ORDER BY CASE WHEN lc.state = 'LIVE' THEN 0 ELSE 1 END, lc.created_at DESC, lc.id LIMIT 1")) {
        ps.setString(1, code);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return new Redemption(Outcome.NOT_FOUND, null, null, null);
          }
          id = rs.getString(1);
          accountId = rs.getString(2);
          accountName = rs.getString(3);
          state = rs.getString(4);
          expiresAt = rs.getTimestamp(5).toInstant();
        }
      }
      if (EXPIRED.equals(state)) {
        return new Redemption(Outcome.EXPIRED, id, accountId, accountName);
      }
      if (!LIVE.equals(state)) {
        return new Redemption(Outcome.ALREADY_USED, id, accountId, accountName);
      }
      if (!expiresAt.isAfter(now)) {
        endStale(c, "id", id, now);
        return new Redemption(Outcome.EXPIRED, id, accountId, accountName, true);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE link_codes SET state = 'REDEEMED', live_code = NULL, live_account = NULL, ended_at = ?, "
              + "printer_id = ?, token_hash = ? WHERE id = ? AND state = 'LIVE'")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setString(2, printerId);
        ps.setString(3, tokenHash);
        ps.setString(4, id);
        if (ps.executeUpdate() != 1) {
          return new Redemption(Outcome.ALREADY_USED, id, accountId, accountName);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO printers (id, account_id, name, model, token_hash, state, link_request_id, created_at) "
              + "VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)")) {
        ps.setString(1, printerId);
        ps.setString(2, accountId);
        ps.setString(3, printerName);
        ps.setString(4, model);
        ps.setString(5, tokenHash);
        ps.setString(6, id);
        ps.setTimestamp(7, Timestamp.from(now));
        ps.executeUpdate();
      }
      return new Redemption(Outcome.REDEEMED, id, accountId, accountName);
    });
  }

  /** What an acknowledgement found. */
  enum AckOutcome { LINKED, ALREADY_LINKED, UNKNOWN, WRONG_TOKEN, TOO_LATE }

  /** An acknowledgement's result; printer id and account set when the token matched. */
  record Ack(AckOutcome outcome, String accountId, String printerId) {}

  /** Activates the PENDING printer and marks the code LINKED, when the token's hash matches. */
  Ack acknowledge(String codeId, String tokenHash) {
    return db.inTransaction(c -> {
      String accountId;
      String state;
      String storedHash;
      String printerId;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT account_id, state, token_hash, printer_id FROM link_codes WHERE id = ?")) {
        ps.setString(1, codeId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return new Ack(AckOutcome.UNKNOWN, null, null);
          }
          accountId = rs.getString(1);
          state = rs.getString(2);
          storedHash = rs.getString(3);
          printerId = rs.getString(4);
        }
      }
      if (storedHash == null || !MessageDigest.isEqual(
          storedHash.getBytes(StandardCharsets.US_ASCII), tokenHash.getBytes(StandardCharsets.US_ASCII))) {
        return new Ack(AckOutcome.WRONG_TOKEN, null, null);
      }
      if (LINKED.equals(state)) {
        return new Ack(AckOutcome.ALREADY_LINKED, accountId, printerId);
      }
      if (!REDEEMED.equals(state)) {
        return new Ack(AckOutcome.TOO_LATE, accountId, printerId);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE printers SET state = 'ACTIVE' WHERE id = ? AND state = 'PENDING'")) {
        ps.setString(1, printerId);
        if (ps.executeUpdate() != 1) {
          throw new SQLException("pending printer row missing");
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE link_codes SET state = 'LINKED' WHERE id = ? AND state = 'REDEEMED'")) {
        ps.setString(1, codeId);
        ps.executeUpdate();
      }
      return new Ack(AckOutcome.LINKED, accountId, printerId);
    });
  }

  /**
   * Ends a REDEEMED code FAILED and deletes its PENDING printer; returns the code's account, or
   * empty when it was no longer REDEEMED (acknowledged in the meantime).
   */
  Optional<String> rollBack(String codeId, String reason, Instant now) {
    return db.inTransaction(c -> {
      String accountId;
      try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM link_codes WHERE id = ?")) {
        ps.setString(1, codeId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<String>empty();
          }
          accountId = rs.getString(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE link_codes SET state = 'FAILED', reason = ?, ended_at = ? WHERE id = ? AND state = 'REDEEMED'")) {
        ps.setString(1, reason);
        ps.setTimestamp(2, Timestamp.from(now));
        ps.setString(3, codeId);
        if (ps.executeUpdate() != 1) {
          return Optional.<String>empty();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM printers WHERE link_request_id = ? AND state = 'PENDING'")) {
        ps.setString(1, codeId);
        ps.executeUpdate();
      }
      return Optional.of(accountId);
    });
  }

  /** A code the sweep ended. */
  record Ended(String id, String accountId) {}

  /** Ends every live code whose time is up, freeing its slot. */
  List<Ended> expireDue(Instant now) {
    return db.inTransaction(c -> {
      List<Ended> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, account_id FROM link_codes WHERE state = 'LIVE' AND expires_at <= ?")) {
        ps.setTimestamp(1, Timestamp.from(now));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Ended(rs.getString(1), rs.getString(2)));
          }
        }
      }
      for (Ended e : out) {
        endStale(c, "id", e.id(), now);
      }
      return out;
    });
  }

  /**
   * Start-up recovery: nothing in memory survived, so a code redeemed but not acknowledged fails
   * and its PENDING printer goes (no half-linked printer, T12).
   */
  /** @return the codes it failed: (code id, account id) */
  List<Ended> recoverAfterRestart(String reason, Instant now) {
    return db.inTransaction(c -> {
      List<Ended> failed = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, account_id FROM link_codes WHERE state = 'REDEEMED' ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          failed.add(new Ended(rs.getString(1), rs.getString(2)));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM printers WHERE state = 'PENDING' AND link_request_id IN "
              + "(SELECT id FROM link_codes WHERE state = 'REDEEMED')")) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE link_codes SET state = 'FAILED', reason = ?, ended_at = ? WHERE state = 'REDEEMED'")) {
        ps.setString(1, reason);
        ps.setTimestamp(2, Timestamp.from(now));
        ps.executeUpdate();
      }
      return failed;
    });
  }

  private static Optional<Live> liveOf(Connection c, String accountId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, code, expires_at FROM link_codes WHERE live_account = ?")) {
      ps.setString(1, accountId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Live(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), false))
            : Optional.empty();
      }
    }
  }

  /** Ends (EXPIRED, slot freed) the live code matching {@code column = value} if its time is up. */
  private static int endStale(Connection c, String column, String value, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE link_codes SET state = 'EXPIRED', live_code = NULL, live_account = NULL, ended_at = ? "
            + "WHERE " + column + " = ? AND state = 'LIVE' AND expires_at <= ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, value);
      ps.setTimestamp(3, Timestamp.from(now));
      return ps.executeUpdate();
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
