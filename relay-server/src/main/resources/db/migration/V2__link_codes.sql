-- Manual 6-digit link codes (PROTOCOL.md "The manual fallback").
--
-- Uniqueness among live codes is the database's job, not a lookup's: a row holds its code in
-- `live_code` (and its account in `live_account`) only while the code is live; both are set to
-- NULL in the same statement that ends the code (redeemed, expired). The UNIQUE indexes below
-- therefore mean "no two live codes share digits" and "one live code per account", and H2 (like
-- the SQL standard) lets any number of ended rows hold NULL there. An INSERT that collides fails
-- with a unique violation and the relay draws another code.
--
-- `code` keeps the digits after the slot is freed, only so that a second use can be told apart
-- (CODE_ALREADY_USED, CODE_EXPIRED) from a guess (CODE_NOT_FOUND); a spent or expired code links
-- nothing. `token_hash` is the SHA-256 of the printer token handed out on redemption (never the
-- token), kept so that a late acknowledgement can be answered 410 rather than 401.
CREATE TABLE link_codes (
  id            VARCHAR(64) PRIMARY KEY,
  account_id    VARCHAR(64) NOT NULL REFERENCES accounts(id),
  code          CHAR(6)     NOT NULL,
  live_code     CHAR(6),
  live_account  VARCHAR(64),
  state         VARCHAR(16) NOT NULL CHECK (state IN ('LIVE', 'REDEEMED', 'LINKED', 'FAILED', 'EXPIRED')),
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at      TIMESTAMP WITH TIME ZONE,
  printer_id    VARCHAR(64),
  token_hash    CHAR(64),
  reason        VARCHAR(500),
  CONSTRAINT link_codes_live_slot CHECK ((state = 'LIVE') = (live_code IS NOT NULL AND live_account IS NOT NULL))
);
CREATE UNIQUE INDEX link_codes_live_code ON link_codes(live_code);
CREATE UNIQUE INDEX link_codes_live_account ON link_codes(live_account);
CREATE INDEX link_codes_code ON link_codes(code, created_at);
CREATE INDEX link_codes_expiry ON link_codes(state, expires_at);
