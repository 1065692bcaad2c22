package io.printerlink.relay;

import io.printerlink.protocol.Limits;
import io.printerlink.protocol.Secret;
import io.printerlink.relay.limits.Rate;
import io.printerlink.relay.net.Cidr;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything the relay needs from outside, and every limit it enforces, each with its default
 * declared once here. Immutable; build with {@link #builder()}.
 */
public final class RelayConfig {
  /** Embedded default: only this machine can reach the relay. The CLI defaults to 0.0.0.0. */
  public static final String DEFAULT_BIND_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 0;
  public static final Path DEFAULT_DATA_DIR = Path.of("relay-data");
  public static final Duration DEFAULT_PRESENCE_EXPIRY = Limits.PRESENCE_EXPIRY;
  public static final Duration DEFAULT_LINK_REQUEST_EXPIRY = Limits.LINK_REQUEST_EXPIRY;
  public static final Duration DEFAULT_TOKEN_ACK_TIMEOUT = Limits.TOKEN_ACK_TIMEOUT;
  public static final Duration DEFAULT_HEARTBEAT = Limits.HEARTBEAT;
  /** How often presence is swept for agents that stopped sending heartbeats. */
  public static final Duration DEFAULT_PRESENCE_SWEEP = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_BODY_BYTES = Limits.MAX_BODY_BYTES;
  public static final int DEFAULT_MAX_WS_MESSAGE_BYTES = Limits.MAX_BODY_BYTES;
  /** A WebSocket with no traffic for this long is closed; agents send heartbeats every 5 s. */
  public static final Duration DEFAULT_WS_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /** An HTTP connection with no traffic for this long is closed. */
  public static final Duration DEFAULT_HTTP_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** OWASP (2023) recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;
  /**
   * A network key carrying more than this many distinct agents, or distinct signed-in accounts,
   * within {@link #DEFAULT_CROWDED_KEY_WINDOW} raises the anomaly alarm (T3).
   */
  public static final int DEFAULT_CROWDED_KEY_THRESHOLD = 20;
  public static final Duration DEFAULT_CROWDED_KEY_WINDOW = Duration.ofMinutes(10);
  /** Link requests one account may start (T9, T15). */
  public static final Rate DEFAULT_LINK_REQUESTS_PER_ACCOUNT = Rate.of(10, Duration.ofMinutes(10));
  /** Link requests one network key may start. */
  public static final Rate DEFAULT_LINK_REQUESTS_PER_KEY = Rate.of(30, Duration.ofMinutes(10));
  /** Instance ids one network key may claim by announce (new ids and token reconnects; heartbeats are free). */
  public static final Rate DEFAULT_AGENT_CLAIMS_PER_KEY = Rate.of(30, Duration.ofMinutes(1));
  /** Open WebSockets (all three kinds together) one network key may hold. */
  public static final int DEFAULT_MAX_WS_CONNECTIONS_PER_KEY = 32;
  /** Text messages one WebSocket may send per second (agents send one every 5 s). */
  public static final int DEFAULT_MAX_WS_MESSAGES_PER_SECOND = 10;
  public static final int DEFAULT_MAX_THREADS = 64;
  /** On stop, link requests in flight get this long to finish before they are failed. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
  /** A manual link code lives this long on the relay's clock (PROTOCOL.md: 10 minutes). */
  public static final Duration DEFAULT_CODE_LIFE = Duration.ofMinutes(10);
  /** Most codes live at once, relay-wide; the brute-force bound in docs/codes.md depends on it. */
  public static final int DEFAULT_MAX_LIVE_CODES = 200;
  /** Failed code redemptions allowed per network key per {@link #DEFAULT_CODE_FAILURE_WINDOW}. */
  public static final int DEFAULT_CODE_FAILURES_PER_KEY = 5;
  /** Failed code redemptions allowed relay-wide per {@link #DEFAULT_CODE_FAILURE_WINDOW}. */
  public static final int DEFAULT_CODE_FAILURES_GLOBAL = 50;
  public static final Duration DEFAULT_CODE_FAILURE_WINDOW = Duration.ofMinutes(10);
  /** Code requests ({@code POST /api/v1/link-codes}) allowed per account per {@link #DEFAULT_CODE_ISSUE_WINDOW}. */
  public static final int DEFAULT_CODE_ISSUES_PER_ACCOUNT = 20;
  public static final Duration DEFAULT_CODE_ISSUE_WINDOW = Duration.ofMinutes(10);
  /** How often expired codes are ended (slot freed, EXPIRED pushed to the client). */
  public static final Duration DEFAULT_CODE_SWEEP = Duration.ofSeconds(1);
  /** Failed sign-ins allowed per network key per {@link #DEFAULT_SIGN_IN_FAILURE_WINDOW}. */
  public static final int DEFAULT_SIGN_IN_FAILURES_PER_KEY = 10;
  /**
   * Failed sign-ins allowed per username per {@link #DEFAULT_SIGN_IN_FAILURE_WINDOW}, from all
   * network keys together. Above the per-key count, so one network alone cannot lock a user out
   * (docs/operations.md "Sign-in and account throttling").
   */
  public static final int DEFAULT_SIGN_IN_FAILURES_PER_USERNAME = 30;
  public static final Duration DEFAULT_SIGN_IN_FAILURE_WINDOW = Duration.ofMinutes(10);
  /** New accounts ({@code POST /api/v1/accounts}, every attempt) one network key may ask for. */
  public static final Rate DEFAULT_ACCOUNTS_PER_KEY = Rate.of(5, Duration.ofHours(1));

  private final int port;
  private final String bindHost;
  private final Path dataDir;
  private final boolean allowLoopbackAgents;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final SecureRandom random;
  private final Duration presenceExpiry;
  private final Duration presenceSweep;
  private final Duration linkRequestExpiry;
  private final Duration tokenAckTimeout;
  private final Duration heartbeat;
  private final int maxBodyBytes;
  private final int maxWsMessageBytes;
  private final Duration wsIdleTimeout;
  private final Duration httpIdleTimeout;
  private final int passwordIterations;
  private final int crowdedKeyThreshold;
  private final Duration crowdedKeyWindow;
  private final List<Cidr> trustedProxies;
  private final Rate linkRequestsPerAccount;
  private final Rate linkRequestsPerKey;
  private final Rate agentClaimsPerKey;
  private final int maxWsConnectionsPerKey;
  private final int maxWsMessagesPerSecond;
  private final int maxThreads;
  private final Path tlsKeystore;
  private final Secret tlsKeystorePassword;
  private final String jdbcUrl;
  private final Duration shutdownGrace;
  private final Duration codeLife;
  private final int maxLiveCodes;
  private final int codeFailuresPerKey;
  private final int codeFailuresGlobal;
  private final Duration codeFailureWindow;
  private final int codeIssuesPerAccount;
  private final Duration codeIssueWindow;
  private final Duration codeSweep;
  private final int signInFailuresPerKey;
  private final int signInFailuresPerUsername;
  private final Duration signInFailureWindow;
  private final Rate accountsPerKey;

  private RelayConfig(Builder b) {
    this.port = b.port;
    this.bindHost = b.bindHost;
    this.dataDir = b.dataDir.toAbsolutePath().normalize();
    this.allowLoopbackAgents = b.allowLoopbackAgents;
    this.clock = b.clock;
    this.nanoTime = b.nanoTime;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.presenceExpiry = b.presenceExpiry;
    this.presenceSweep = b.presenceSweep;
    this.linkRequestExpiry = b.linkRequestExpiry;
    this.tokenAckTimeout = b.tokenAckTimeout;
    this.heartbeat = b.heartbeat;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxWsMessageBytes = b.maxWsMessageBytes;
    this.wsIdleTimeout = b.wsIdleTimeout;
    this.httpIdleTimeout = b.httpIdleTimeout;
    this.passwordIterations = b.passwordIterations;
    this.crowdedKeyThreshold = b.crowdedKeyThreshold;
    this.crowdedKeyWindow = b.crowdedKeyWindow;
    this.trustedProxies = List.copyOf(b.trustedProxies);
    this.linkRequestsPerAccount = b.linkRequestsPerAccount;
    this.linkRequestsPerKey = b.linkRequestsPerKey;
    this.agentClaimsPerKey = b.agentClaimsPerKey;
    this.maxWsConnectionsPerKey = b.maxWsConnectionsPerKey;
    this.maxWsMessagesPerSecond = b.maxWsMessagesPerSecond;
    this.maxThreads = b.maxThreads;
    if ((b.tlsKeystore == null) != (b.tlsKeystorePassword == null)) {
      throw new IllegalArgumentException("tlsKeystore and tlsKeystorePassword go together: give both or neither");
    }
    this.tlsKeystore = b.tlsKeystore == null ? null : b.tlsKeystore.toAbsolutePath().normalize();
    this.tlsKeystorePassword = b.tlsKeystorePassword;
    this.jdbcUrl = b.jdbcUrl;
    this.shutdownGrace = b.shutdownGrace;
    this.codeLife = b.codeLife;
    this.maxLiveCodes = b.maxLiveCodes;
    this.codeFailuresPerKey = b.codeFailuresPerKey;
    this.codeFailuresGlobal = b.codeFailuresGlobal;
    this.codeFailureWindow = b.codeFailureWindow;
    this.codeIssuesPerAccount = b.codeIssuesPerAccount;
    this.codeIssueWindow = b.codeIssueWindow;
    this.codeSweep = b.codeSweep;
    this.signInFailuresPerKey = b.signInFailuresPerKey;
    this.signInFailuresPerUsername = b.signInFailuresPerUsername;
    this.signInFailureWindow = b.signInFailureWindow;
    this.accountsPerKey = b.accountsPerKey;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() { return port; }
  public String bindHost() { return bindHost; }
  public Path dataDir() { return dataDir; }
  public boolean allowLoopbackAgents() { return allowLoopbackAgents; }
  public Clock clock() { return clock; }
  public LongSupplier nanoTime() { return nanoTime; }
  public SecureRandom random() { return random; }
  public Duration presenceExpiry() { return presenceExpiry; }
  public Duration presenceSweep() { return presenceSweep; }
  public Duration linkRequestExpiry() { return linkRequestExpiry; }
  public Duration tokenAckTimeout() { return tokenAckTimeout; }
  public Duration heartbeat() { return heartbeat; }
  public int maxBodyBytes() { return maxBodyBytes; }
  public int maxWsMessageBytes() { return maxWsMessageBytes; }
  public Duration wsIdleTimeout() { return wsIdleTimeout; }
  public Duration httpIdleTimeout() { return httpIdleTimeout; }
  public int passwordIterations() { return passwordIterations; }
  public int crowdedKeyThreshold() { return crowdedKeyThreshold; }
  public Duration crowdedKeyWindow() { return crowdedKeyWindow; }
  /** Address blocks of proxies whose Forwarded / X-Forwarded-For the relay believes; empty = none. */
  public List<Cidr> trustedProxies() { return trustedProxies; }
  public Rate linkRequestsPerAccount() { return linkRequestsPerAccount; }
  public Rate linkRequestsPerKey() { return linkRequestsPerKey; }
  public Rate agentClaimsPerKey() { return agentClaimsPerKey; }
  public int maxWsConnectionsPerKey() { return maxWsConnectionsPerKey; }
  public int maxWsMessagesPerSecond() { return maxWsMessagesPerSecond; }
  public int maxThreads() { return maxThreads; }
  /** PKCS12 keystore with the relay's key and certificate chain; present means https/wss only. */
  public Optional<Path> tlsKeystore() { return Optional.ofNullable(tlsKeystore); }
  public Optional<Secret> tlsKeystorePassword() { return Optional.ofNullable(tlsKeystorePassword); }
  /** A JDBC URL used instead of the H2 file in {@link #dataDir()}. */
  public Optional<String> jdbcUrl() { return Optional.ofNullable(jdbcUrl); }
  public Duration shutdownGrace() { return shutdownGrace; }
  public Duration codeLife() { return codeLife; }
  public int maxLiveCodes() { return maxLiveCodes; }
  public int codeFailuresPerKey() { return codeFailuresPerKey; }
  public int codeFailuresGlobal() { return codeFailuresGlobal; }
  public Duration codeFailureWindow() { return codeFailureWindow; }
  public int codeIssuesPerAccount() { return codeIssuesPerAccount; }
  public Duration codeIssueWindow() { return codeIssueWindow; }
  public Duration codeSweep() { return codeSweep; }
  public int signInFailuresPerKey() { return signInFailuresPerKey; }
  public int signInFailuresPerUsername() { return signInFailuresPerUsername; }
  public Duration signInFailureWindow() { return signInFailureWindow; }
  public Rate accountsPerKey() { return accountsPerKey; }

  @Override
  public String toString() {
    return "RelayConfig[bind=" + bindHost + ":" + port + ", dataDir=" + dataDir
        + ", allowLoopbackAgents=" + allowLoopbackAgents + ", trustedProxies=" + trustedProxies
        + ", tls=" + (tlsKeystore != null) + "]";
  }

  /** Builder; every setter checks its argument and names it in the message. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String bindHost = DEFAULT_BIND_HOST;
    private Path dataDir = DEFAULT_DATA_DIR;
    private boolean allowLoopbackAgents;
    private Clock clock = Clock.systemUTC();
    private LongSupplier nanoTime = System::nanoTime;
    private SecureRandom random;
    private Duration presenceExpiry = DEFAULT_PRESENCE_EXPIRY;
    private Duration presenceSweep = DEFAULT_PRESENCE_SWEEP;
    private Duration linkRequestExpiry = DEFAULT_LINK_REQUEST_EXPIRY;
    private Duration tokenAckTimeout = DEFAULT_TOKEN_ACK_TIMEOUT;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxWsMessageBytes = DEFAULT_MAX_WS_MESSAGE_BYTES;
    private Duration wsIdleTimeout = DEFAULT_WS_IDLE_TIMEOUT;
    private Duration httpIdleTimeout = DEFAULT_HTTP_IDLE_TIMEOUT;
    private int passwordIterations = DEFAULT_PASSWORD_ITERATIONS;
    private int crowdedKeyThreshold = DEFAULT_CROWDED_KEY_THRESHOLD;
    private Duration crowdedKeyWindow = DEFAULT_CROWDED_KEY_WINDOW;
    private List<Cidr> trustedProxies = List.of();
    private Rate linkRequestsPerAccount = DEFAULT_LINK_REQUESTS_PER_ACCOUNT;
    private Rate linkRequestsPerKey = DEFAULT_LINK_REQUESTS_PER_KEY;
    private Rate agentClaimsPerKey = DEFAULT_AGENT_CLAIMS_PER_KEY;
    private int maxWsConnectionsPerKey = DEFAULT_MAX_WS_CONNECTIONS_PER_KEY;
    private int maxWsMessagesPerSecond = DEFAULT_MAX_WS_MESSAGES_PER_SECOND;
    private int maxThreads = DEFAULT_MAX_THREADS;
    private Path tlsKeystore;
    private Secret tlsKeystorePassword;
    private String jdbcUrl;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private Duration codeLife = DEFAULT_CODE_LIFE;
    private int maxLiveCodes = DEFAULT_MAX_LIVE_CODES;
    private int codeFailuresPerKey = DEFAULT_CODE_FAILURES_PER_KEY;
    private int codeFailuresGlobal = DEFAULT_CODE_FAILURES_GLOBAL;
    private Duration codeFailureWindow = DEFAULT_CODE_FAILURE_WINDOW;
    private int codeIssuesPerAccount = DEFAULT_CODE_ISSUES_PER_ACCOUNT;
    private Duration codeIssueWindow = DEFAULT_CODE_ISSUE_WINDOW;
    private Duration codeSweep = DEFAULT_CODE_SWEEP;
    private int signInFailuresPerKey = DEFAULT_SIGN_IN_FAILURES_PER_KEY;
    private int signInFailuresPerUsername = DEFAULT_SIGN_IN_FAILURES_PER_USERNAME;
    private Duration signInFailureWindow = DEFAULT_SIGN_IN_FAILURE_WINDOW;
    private Rate accountsPerKey = DEFAULT_ACCOUNTS_PER_KEY;

    private Builder() {}

    /** Serve https/wss only, with the key and chain in this PKCS12 file (null: plain http). */
    public Builder tlsKeystore(Path keystore, Secret password) {
      this.tlsKeystore = keystore;
      this.tlsKeystorePassword = password;
      return this;
    }

    /** A JDBC URL instead of the default H2 file (null: {@code jdbc:h2:file:<dataDir>/relay}). */
    public Builder jdbcUrl(String url) {
      if (url != null && !url.startsWith("jdbc:")) {
        throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:'");
      }
      this.jdbcUrl = url;
      return this;
    }

    public Builder shutdownGrace(Duration d) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must be zero or a positive duration");
      }
      this.shutdownGrace = d;
      return this;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 (ephemeral) to 65535");
      }
      this.port = port;
      return this;
    }

    public Builder bindHost(String bindHost) {
      if (bindHost == null || bindHost.isBlank()) {
        throw new IllegalArgumentException("bindHost must not be blank");
      }
      this.bindHost = bindHost;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    public Builder allowLoopbackAgents(boolean allow) {
      this.allowLoopbackAgents = allow;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Monotonic time source in nanoseconds (presence expiry); default {@link System#nanoTime}. */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public Builder presenceExpiry(Duration d) {
      this.presenceExpiry = positive(d, "presenceExpiry");
      return this;
    }

    public Builder presenceSweep(Duration d) {
      this.presenceSweep = positive(d, "presenceSweep");
      return this;
    }

    public Builder linkRequestExpiry(Duration d) {
      this.linkRequestExpiry = positive(d, "linkRequestExpiry");
      return this;
    }

    public Builder tokenAckTimeout(Duration d) {
      this.tokenAckTimeout = positive(d, "tokenAckTimeout");
      return this;
    }

    public Builder heartbeat(Duration d) {
      positive(d, "heartbeat");
      if (d.toSeconds() < 1 || d.toSeconds() > 60) {
        throw new IllegalArgumentException("heartbeat must be from 1 to 60 seconds");
      }
      this.heartbeat = d;
      return this;
    }

    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = (int) range(bytes, 256, Limits.MAX_BODY_BYTES, "maxBodyBytes");
      return this;
    }

    public Builder maxWsMessageBytes(int bytes) {
      this.maxWsMessageBytes = (int) range(bytes, 256, Limits.MAX_BODY_BYTES, "maxWsMessageBytes");
      return this;
    }

    public Builder wsIdleTimeout(Duration d) {
      this.wsIdleTimeout = positive(d, "wsIdleTimeout");
      return this;
    }

    public Builder httpIdleTimeout(Duration d) {
      this.httpIdleTimeout = positive(d, "httpIdleTimeout");
      return this;
    }

    /** PBKDF2 iterations for new password hashes (stored hashes carry their own count). */
    public Builder passwordIterations(int iterations) {
      this.passwordIterations = (int) range(iterations, 1, 10_000_000, "passwordIterations");
      return this;
    }

    /** More than this many agents, or accounts, on one network key within the window raises the alarm. */
    public Builder crowdedKeyThreshold(int population) {
      this.crowdedKeyThreshold = (int) range(population, 1, 1_000_000, "crowdedKeyThreshold");
      return this;
    }

    public Builder crowdedKeyWindow(Duration d) {
      this.crowdedKeyWindow = positive(d, "crowdedKeyWindow");
      return this;
    }

    /**
     * Proxies (address or block, {@code 10.0.0.0/8}, {@code 2001:db8::/32}) whose {@code Forwarded} /
     * {@code X-Forwarded-For} the relay believes. Default none: the TCP peer is the client.
     */
    public Builder trustedProxies(List<String> cidrs) {
      Objects.requireNonNull(cidrs, "trustedProxies");
      List<Cidr> parsed = new ArrayList<>();
      for (String c : cidrs) {
        try {
          parsed.add(Cidr.parse(Objects.requireNonNull(c, "trustedProxies entry")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--trusted-proxy: " + e.getMessage(), e);
        }
      }
      this.trustedProxies = parsed;
      return this;
    }

    public Builder linkRequestsPerAccount(Rate rate) {
      this.linkRequestsPerAccount = Objects.requireNonNull(rate, "linkRequestsPerAccount");
      return this;
    }

    public Builder linkRequestsPerKey(Rate rate) {
      this.linkRequestsPerKey = Objects.requireNonNull(rate, "linkRequestsPerKey");
      return this;
    }

    public Builder agentClaimsPerKey(Rate rate) {
      this.agentClaimsPerKey = Objects.requireNonNull(rate, "agentClaimsPerKey");
      return this;
    }

    public Builder maxWsConnectionsPerKey(int sockets) {
      this.maxWsConnectionsPerKey = (int) range(sockets, 1, 1_000_000, "maxWsConnectionsPerKey");
      return this;
    }

    public Builder maxWsMessagesPerSecond(int messages) {
      this.maxWsMessagesPerSecond = (int) range(messages, 1, 10_000, "maxWsMessagesPerSecond");
      return this;
    }

    public Builder maxThreads(int threads) {
      this.maxThreads = (int) range(threads, 8, 10_000, "maxThreads");
      return this;
    }

    /** Life of a manual link code; at most 10 minutes (the wire caps {@code expiresInSeconds} at 600). */
    public Builder codeLife(Duration d) {
      positive(d, "codeLife");
      if (d.toSeconds() < 1 || d.compareTo(DEFAULT_CODE_LIFE) > 0) {
        throw new IllegalArgumentException("codeLife must be from 1 second to 10 minutes");
      }
      this.codeLife = d;
      return this;
    }

    public Builder maxLiveCodes(int codes) {
      this.maxLiveCodes = (int) range(codes, 1, 100_000, "maxLiveCodes");
      return this;
    }

    public Builder codeFailuresPerKey(int failures) {
      this.codeFailuresPerKey = (int) range(failures, 1, 1_000_000, "codeFailuresPerKey");
      return this;
    }

    public Builder codeFailuresGlobal(int failures) {
      this.codeFailuresGlobal = (int) range(failures, 1, 1_000_000, "codeFailuresGlobal");
      return this;
    }

    public Builder codeFailureWindow(Duration d) {
      this.codeFailureWindow = positive(d, "codeFailureWindow");
      return this;
    }

    public Builder codeIssuesPerAccount(int issues) {
      this.codeIssuesPerAccount = (int) range(issues, 1, 1_000_000, "codeIssuesPerAccount");
      return this;
    }

    public Builder codeIssueWindow(Duration d) {
      this.codeIssueWindow = positive(d, "codeIssueWindow");
      return this;
    }

    public Builder codeSweep(Duration d) {
      this.codeSweep = positive(d, "codeSweep");
      return this;
    }

    public Builder signInFailuresPerKey(int failures) {
      this.signInFailuresPerKey = (int) range(failures, 1, 1_000_000, "signInFailuresPerKey");
      return this;
    }

    public Builder signInFailuresPerUsername(int failures) {
      this.signInFailuresPerUsername = (int) range(failures, 1, 1_000_000, "signInFailuresPerUsername");
      return this;
    }

    public Builder signInFailureWindow(Duration d) {
      this.signInFailureWindow = positive(d, "signInFailureWindow");
      return this;
    }

    public Builder accountsPerKey(Rate rate) {
      this.accountsPerKey = Objects.requireNonNull(rate, "accountsPerKey");
      return this;
    }

    public RelayConfig build() {
      return new RelayConfig(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration");
      }
      return d;
    }

    private static long range(long v, long min, long max, String name) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " must be from " + min + " to " + max);
      }
      return v;
    }
  }
}
