-- Operators can disable an account (relay users disable): it can no longer sign in, and its sessions are revoked.
-- Numbered 20 so that parallel feature migrations (V2, V3, ...) land before it without renumbering.
ALTER TABLE accounts ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
