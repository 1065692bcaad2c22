-- Relay schema v1. Tokens are stored only as lower-case hex SHA-256; passwords only as PBKDF2 hashes.
CREATE TABLE accounts (
  id            VARCHAR(64)  PRIMARY KEY,
  username      VARCHAR(64)  NOT NULL UNIQUE,
  display_name  VARCHAR(100) NOT NULL,
  password_hash VARCHAR(200) NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sessions (
  token_hash  CHAR(64)    PRIMARY KEY,
  account_id  VARCHAR(64) NOT NULL REFERENCES accounts(id),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked     BOOLEAN     NOT NULL DEFAULT FALSE
);

CREATE TABLE printers (
  id               VARCHAR(64)  PRIMARY KEY,
  account_id       VARCHAR(64)  NOT NULL REFERENCES accounts(id),
  name             VARCHAR(253) NOT NULL,
  model            VARCHAR(253) NOT NULL,
  token_hash       CHAR(64)     NOT NULL UNIQUE,
  state            VARCHAR(16)  NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'REVOKED')),
  link_request_id  VARCHAR(64),
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX printers_account ON printers(account_id);

CREATE TABLE link_requests (
  id           VARCHAR(64) PRIMARY KEY,
  account_id   VARCHAR(64) NOT NULL REFERENCES accounts(id),
  instance_id  VARCHAR(36) NOT NULL,
  state        VARCHAR(16) NOT NULL,
  reason       VARCHAR(500),
  printer_id   VARCHAR(64),
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX link_requests_instance ON link_requests(instance_id);

CREATE TABLE audit_log (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  at           TIMESTAMP WITH TIME ZONE NOT NULL,
  event        VARCHAR(64)  NOT NULL,
  account_id   VARCHAR(64),
  network_key  VARCHAR(64),
  detail       VARCHAR(500)
);
