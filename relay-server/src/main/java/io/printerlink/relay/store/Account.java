package io.printerlink.relay.store;

/** An account as the relay uses it (the password hash stays in the store). */
public record Account(String id, String username, String displayName) {}
