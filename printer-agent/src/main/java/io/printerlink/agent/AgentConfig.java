package io.printerlink.agent;

import io.printerlink.agent.net.AdvertiseAddress;
import io.printerlink.agent.exchange.PeerPolicy;
import io.printerlink.protocol.Check;
import io.printerlink.protocol.Limits;
import io.printerlink.protocol.RelayTrust;
import io.printerlink.protocol.RelayUrls;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Everything the agent can be configured with, each limit declared once here with its default.
 * Immutable; made with {@link #builder()}.
 */
public final class AgentConfig {
  public static final int DEFAULT_PORT = 8787;
  public static final String DEFAULT_BIND_HOST = "0.0.0.0";
  public static final Path DEFAULT_STATE_DIR = Path.of("agent-state");
  public static final String DEFAULT_MODEL = "generic";
  public static final Duration DEFAULT_WINDOW_LENGTH = Limits.DISCOVERY_WINDOW;
  public static final Duration DEFAULT_HEARTBEAT = Limits.HEARTBEAT;
  public static final int DEFAULT_MAX_EXCHANGE_FAILURES = Limits.MAX_EXCHANGE_FAILURES;
  /** First reconnect delay after a lost relay connection; doubles up to {@link #DEFAULT_RECONNECT_MAX}. */
  public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(250);
  /** Reconnect cap: well under the relay's 15 s presence expiry, so a blip does not end presence. */
  public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(5);
  /** Idle timeout of the LAN exchange connections (a slow client cannot hold a thread long). */
  public static final Duration DEFAULT_EXCHANGE_IDLE_TIMEOUT = Duration.ofSeconds(10);
  /** Idle timeout of the relay WebSockets; the agent sends something every heartbeat. */
  public static final Duration DEFAULT_RELAY_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** Connect timeout towards the relay. */
  public static final Duration DEFAULT_RELAY_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Most LAN addresses announced: the private IP plus up to three candidates (each costs the client up to 3 s). */
  public static final int MAX_ANNOUNCED_ADDRESSES = 4;
  /** Total time for one relay HTTP call ({@code link --code}). */
  public static final Duration DEFAULT_RELAY_REQUEST_TIMEOUT = Duration.ofSeconds(15);
  /** Longest name or model string accepted (the wire cap). */
  public static final int MAX_TEXT = Limits.MAX_STRING;

  private final URI relayUri;
  private final int port;
  private final String bindHost;
  private final Path stateDir;
  private final String name;
  private final String model;
  private final String advertiseHost;
  private final AdvertiseAddress advertise;
  private final Duration windowLength;
  private final Duration heartbeat;
  private final LongSupplier nanoTime;
  private final Clock clock;
  private final SecureRandom random;
  private final int maxExchangeFailures;
  private final Duration reconnectMin;
  private final Duration reconnectMax;
  private final Duration exchangeIdleTimeout;
  private final Duration relayIdleTimeout;
  private final Duration relayConnectTimeout;
  private final RelayTrust relayTrust;
  private final PeerPolicy peerPolicy;
  private final Runnable beforeTokenStore;

  private AgentConfig(Builder b) {
    this.relayUri = checkRelayUri(b.relayUri);
    this.relayTrust = b.relayTrust == null ? RelayTrust.system() : b.relayTrust;
    relayTrust.checkRelayUrl(relayUri);
    // Messages name the flags: they reach the user as "printer-agent: ...".
    if (b.port < 0 || b.port > 65535) {
      throw new IllegalArgumentException("--port must be from 0 to 65535 (0: any free port)");
    }
    this.port = b.port;
    if (b.bindHost == null || b.bindHost.isBlank()) {
      throw new IllegalArgumentException("--bind must not be empty");
    }
    this.bindHost = b.bindHost;
    this.stateDir = Objects.requireNonNull(b.stateDir, "stateDir");
    this.name = checkText(b.name == null ? defaultName() : b.name, "--name");
    this.model = checkText(b.model, "--model");
    this.advertiseHost = b.advertiseHost;
    this.advertise = advertiseHost == null ? null : AdvertiseAddress.parse(advertiseHost);
    this.windowLength = positive(b.windowLength, "windowLength");
    if (windowLength.compareTo(Limits.DISCOVERY_WINDOW) > 0) {
      throw new IllegalArgumentException("windowLength must be at most " + Limits.DISCOVERY_WINDOW);
    }
    this.heartbeat = positive(b.heartbeat, "heartbeat");
    if (heartbeat.compareTo(Limits.PRESENCE_EXPIRY) >= 0) {
      throw new IllegalArgumentException("heartbeat must be shorter than " + Limits.PRESENCE_EXPIRY);
    }
    this.nanoTime = Objects.requireNonNull(b.nanoTime, "nanoTime");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.random = Objects.requireNonNull(b.random, "random");
    this.maxExchangeFailures = (int) Check.range(b.maxExchangeFailures, 1, 1000, "maxExchangeFailures");
    this.reconnectMin = positive(b.reconnectMin, "reconnectMin");
    this.reconnectMax = positive(b.reconnectMax, "reconnectMax");
    if (reconnectMax.compareTo(reconnectMin) < 0 || reconnectMax.compareTo(Limits.PRESENCE_EXPIRY) >= 0) {
      throw new IllegalArgumentException("reconnectMax must be from reconnectMin to under " + Limits.PRESENCE_EXPIRY);
    }
    this.exchangeIdleTimeout = positive(b.exchangeIdleTimeout, "exchangeIdleTimeout");
    this.relayIdleTimeout = positive(b.relayIdleTimeout, "relayIdleTimeout");
    this.relayConnectTimeout = positive(b.relayConnectTimeout, "relayConnectTimeout");
    this.peerPolicy = Objects.requireNonNull(b.peerPolicy, "peerPolicy");
    this.beforeTokenStore = Objects.requireNonNull(b.beforeTokenStore, "beforeTokenStore");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, to change some. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.relayUri = relayUri;
    b.port = port;
    b.bindHost = bindHost;
    b.stateDir = stateDir;
    b.name = name;
    b.model = model;
    b.advertiseHost = advertiseHost;
    b.windowLength = windowLength;
    b.heartbeat = heartbeat;
    b.nanoTime = nanoTime;
    b.clock = clock;
    b.random = random;
    b.maxExchangeFailures = maxExchangeFailures;
    b.reconnectMin = reconnectMin;
    b.reconnectMax = reconnectMax;
    b.exchangeIdleTimeout = exchangeIdleTimeout;
    b.relayIdleTimeout = relayIdleTimeout;
    b.relayConnectTimeout = relayConnectTimeout;
    b.relayTrust = relayTrust;
    b.peerPolicy = peerPolicy;
    b.beforeTokenStore = beforeTokenStore;
    return b;
  }

  /** The relay's http(s) base URI. */
  public URI relayUri() {
    return relayUri;
  }

  /** The relay WebSocket URI for {@code path} (http becomes ws, https becomes wss). */
  public URI relayWebSocketUri(String path) {
    return io.printerlink.protocol.RelayUrls.webSocket(relayUri, path);
  }

  public int port() {
    return port;
  }

  public String bindHost() {
    return bindHost;
  }

  public Path stateDir() {
    return stateDir;
  }

  public String name() {
    return name;
  }

  public String model() {
    return model;
  }

  /** The advertised IP of {@code --advertise-host}, without its port. */
  public Optional<String> advertiseHost() {
    return advertise().map(AdvertiseAddress::ip);
  }

  /** The whole {@code --advertise-host HOST[:PORT]} override, when set. */
  public Optional<AdvertiseAddress> advertise() {
    return Optional.ofNullable(advertise);
  }

  public Duration windowLength() {
    return windowLength;
  }

  public Duration heartbeat() {
    return heartbeat;
  }

  public LongSupplier nanoTime() {
    return nanoTime;
  }

  public Clock clock() {
    return clock;
  }

  public SecureRandom random() {
    return random;
  }

  public int maxExchangeFailures() {
    return maxExchangeFailures;
  }

  public Duration reconnectMin() {
    return reconnectMin;
  }

  public Duration reconnectMax() {
    return reconnectMax;
  }

  public Duration exchangeIdleTimeout() {
    return exchangeIdleTimeout;
  }

  public Duration relayIdleTimeout() {
    return relayIdleTimeout;
  }

  public Duration relayConnectTimeout() {
    return relayConnectTimeout;
  }

  /** Which certificates the relay's TLS must chain to, and whether plain http to a remote relay is allowed. */
  public RelayTrust relayTrust() {
    return relayTrust;
  }

  /** Which TCP peers may ask for the local secret; {@link PeerPolicy#LAN_ONLY} unless a test stands in. */
  public PeerPolicy peerPolicy() {
    return peerPolicy;
  }

  /** The fault-test seam run when a printer token arrives, before it is written (does nothing by default). */
  public Runnable beforeTokenStore() {
    return beforeTokenStore;
  }

  @Override
  public String toString() {
    return "AgentConfig[relay=" + relayUri + ", bind=" + bindHost + ":" + port + ", stateDir=" + stateDir
        + ", name=" + name + ", model=" + model + ", advertiseHost=" + advertiseHost
        + ", window=" + windowLength + ", heartbeat=" + heartbeat + "]";
  }

  /** The host's name, for the default agent name; never fails. */
  static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank() && env.length() <= MAX_TEXT) {
      return env.strip();
    }
    try {
      String h = InetAddress.getLocalHost().getHostName();
      if (h != null && !h.isBlank() && h.length() <= MAX_TEXT) {
        return h;
      }
    } catch (UnknownHostException e) {
      // fall through to the fixed name
    }
    return "printer-agent";
  }

  private static String defaultName() {
    return "Printer on " + hostName();
  }

  private static URI checkRelayUri(URI uri) {
    if (uri == null) {
      throw new IllegalArgumentException("--relay is required");
    }
    // The client's rules (RelayUrls.parse): a user:password would be logged and written to
    // status.json, and the relay authenticates agents by token anyway.
    try {
      return RelayUrls.parse(uri.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--relay: " + e.getMessage());
    }
  }

  private static String checkText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT + " characters");
    }
    if (!io.printerlink.protocol.Json.isCleanText(value)) {
      throw new IllegalArgumentException(field + " must not contain control or direction-override characters");
    }
    return value;
  }

  private static Duration positive(Duration d, String field) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be a positive duration");
    }
    return d;
  }

  /** Mutable builder; {@link #build()} checks every value. */
  public static final class Builder {
    private URI relayUri;
    private int port = DEFAULT_PORT;
    private String bindHost = DEFAULT_BIND_HOST;
    private Path stateDir = DEFAULT_STATE_DIR;
    private String name;
    private String model = DEFAULT_MODEL;
    private String advertiseHost;
    private Duration windowLength = DEFAULT_WINDOW_LENGTH;
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private LongSupplier nanoTime = System::nanoTime;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private int maxExchangeFailures = DEFAULT_MAX_EXCHANGE_FAILURES;
    private Duration reconnectMin = DEFAULT_RECONNECT_MIN;
    private Duration reconnectMax = DEFAULT_RECONNECT_MAX;
    private Duration exchangeIdleTimeout = DEFAULT_EXCHANGE_IDLE_TIMEOUT;
    private Duration relayIdleTimeout = DEFAULT_RELAY_IDLE_TIMEOUT;
    private Duration relayConnectTimeout = DEFAULT_RELAY_CONNECT_TIMEOUT;
    private RelayTrust relayTrust;
    private PeerPolicy peerPolicy = PeerPolicy.LAN_ONLY;
    private Runnable beforeTokenStore = () -> { };

    private Builder() {}

    /** Relay TLS trust (default: the system trust store, plain http only to this machine). */
    public Builder relayTrust(RelayTrust relayTrust) {
      this.relayTrust = relayTrust;
      return this;
    }

    public Builder relayUri(URI relayUri) {
      this.relayUri = relayUri;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder bindHost(String bindHost) {
      this.bindHost = bindHost;
      return this;
    }

    public Builder stateDir(Path stateDir) {
      this.stateDir = stateDir;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * {@code HOST[:PORT]} announced to the relay instead of the chosen interface address and the
     * exchange port (null: choose). HOST must be a private IP literal.
     */
    public Builder advertiseHost(String advertiseHost) {
      this.advertiseHost = advertiseHost;
      return this;
    }

    public Builder windowLength(Duration windowLength) {
      this.windowLength = windowLength;
      return this;
    }

    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = heartbeat;
      return this;
    }

    /** The monotonic time source in nanoseconds; the discovery window follows only this. */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = nanoTime;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    public Builder maxExchangeFailures(int maxExchangeFailures) {
      this.maxExchangeFailures = maxExchangeFailures;
      return this;
    }

    public Builder reconnectMin(Duration reconnectMin) {
      this.reconnectMin = reconnectMin;
      return this;
    }

    public Builder reconnectMax(Duration reconnectMax) {
      this.reconnectMax = reconnectMax;
      return this;
    }

    public Builder exchangeIdleTimeout(Duration exchangeIdleTimeout) {
      this.exchangeIdleTimeout = exchangeIdleTimeout;
      return this;
    }

    public Builder relayIdleTimeout(Duration relayIdleTimeout) {
      this.relayIdleTimeout = relayIdleTimeout;
      return this;
    }

    public Builder relayConnectTimeout(Duration relayConnectTimeout) {
      this.relayConnectTimeout = relayConnectTimeout;
      return this;
    }

    /**
     * The exchange endpoint's TCP-peer policy. Not on the command line: only tests replace
     * {@link PeerPolicy#LAN_ONLY}, to stand in for a public peer that loopback cannot produce.
     */
    public Builder peerPolicy(PeerPolicy peerPolicy) {
      this.peerPolicy = peerPolicy;
      return this;
    }

    /**
     * Test seam for the fault tests (T12): runs on the agent thread when a printer token has
     * arrived and before it is written and acknowledged, so a test can stop the process exactly
     * between {@code verified} and {@code token-stored}. Not on the command line; does nothing
     * by default.
     */
    public Builder beforeTokenStore(Runnable beforeTokenStore) {
      this.beforeTokenStore = beforeTokenStore;
      return this;
    }

    public AgentConfig build() {
      if (random == null) {
        random = new SecureRandom();
      }
      return new AgentConfig(this);
    }
  }
}
