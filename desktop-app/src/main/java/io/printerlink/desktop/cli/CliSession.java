package io.printerlink.desktop.cli;

import io.printerlink.desktop.core.CoreClients;
import io.printerlink.desktop.core.Credentials;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.desktop.core.Problems;
import io.printerlink.desktop.core.RelayException;
import io.printerlink.desktop.embedded.EmbeddedEnvironment;
import io.printerlink.protocol.RelayTrust;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.Usernames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A signed-in core for one command run: embedded or remote relay, closed at the end. */
final class CliSession implements AutoCloseable {
  private static final int MAX_PASSWORD_FILE_BYTES = 1024;

  private final EmbeddedEnvironment embedded;
  private final CoreClients clients;
  private final ExecutorService executor;
  final LinkingCore core;
  final String relayDescription;
  /** The relay this session talks to (the embedded one's loopback URL, or {@code --relay}). */
  final URI relayUri;

  private CliSession(EmbeddedEnvironment embedded, CoreClients clients, ExecutorService executor, LinkingCore core,
      String relayDescription, URI relayUri) {
    this.embedded = embedded;
    this.clients = clients;
    this.executor = executor;
    this.core = core;
    this.relayDescription = relayDescription;
    this.relayUri = relayUri;
  }

  /** Validates the options, starts what is needed and signs in. */
  static CliSession open(ConnectionOptions options, CliContext ctx) throws UsageException, RelayException, Exception {
    URI relayUri = null;
    Credentials credentials = null;
    RelayTrust trust = RelayTrust.system();
    if (options.relay != null) {
      if (options.dataDir != null) {
        throw new UsageException("--data is the embedded relay's folder; it cannot be used with --relay");
      }
      relayUri = parseRelay(options.relay);
      try {
        trust = (options.relayCa == null ? RelayTrust.system() : RelayTrust.fromPem(options.relayCa))
            .allowInsecure(options.insecure);
        trust.checkRelayUrl(relayUri);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      if (options.username == null) {
        throw new UsageException("--username is required with --relay");
      }
      try {
        Usernames.check(options.username);
      } catch (IllegalArgumentException e) {
        throw new UsageException("invalid --username: " + e.getMessage().replace("field 'username' ", ""));
      }
      credentials = new Credentials(options.username, readPassword(options, ctx), false);
    } else if (options.username != null || options.passwordFile != null) {
      throw new UsageException("--username and --password-file need --relay (without it a local account is used)");
    } else if (options.relayCa != null || options.insecure) {
      throw new UsageException("--relay-ca and --insecure need --relay (without it the embedded relay on this computer is used)");
    }

    EmbeddedEnvironment embedded = null;
    CoreClients clients = null;
    ExecutorService executor = null;
    try {
      String description;
      if (relayUri == null) {
        embedded =
            EmbeddedEnvironment.start(
                options.dataDir != null ? options.dataDir : EmbeddedEnvironment.defaultDataDir(), ctx.random());
        relayUri = embedded.relayUri();
        credentials = embedded.credentials();
        description = "embedded relay at " + relayUri + " with a demo printer";
      } else {
        description = "relay at " + relayUri;
      }
      clients = CoreClients.start(relayUri, ctx.coreConfig(), trust);
      executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "printerlink-cli");
        t.setDaemon(true);
        return t;
      });
      LinkingCore core = LinkingCore.create(clients, ctx.coreConfig(), ctx.clock(), ctx.nanoTime(), ctx.random(), executor);
      try {
        core.signIn(credentials);
      } catch (RelayException e) {
        throw new RelayException(e.code(), "sign-in failed: " + Problems.describe(e), e.httpStatus());
      }
      return new CliSession(embedded, clients, executor, core, description, relayUri);
    } catch (Exception e) {
      if (executor != null) {
        executor.shutdownNow();
      }
      if (clients != null) {
        clients.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    } finally {
      if (options.relay != null && credentials != null) {
        credentials.password().destroy();
      }
    }
  }

  static URI parseRelay(String text) throws UsageException {
    try {
      return io.printerlink.protocol.RelayUrls.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("invalid --relay URL: " + e.getMessage() + "; give an http:// or https:// URL with a host,"
          + " e.g. https://relay.example.com");
    }
  }

  private static Secret readPassword(ConnectionOptions options, CliContext ctx) throws UsageException {
    if (options.passwordFile != null) {
      Path file = options.passwordFile;
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_PASSWORD_FILE_BYTES + 1);
      } catch (IOException e) {
        throw new UsageException("cannot read --password-file " + file);
      }
      try {
        if (bytes.length > MAX_PASSWORD_FILE_BYTES) {
          throw new UsageException("--password-file " + file + " is too large to be a password file");
        }
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
          end--;
        }
        if (end == 0) {
          throw new UsageException("--password-file " + file + " is empty");
        }
        return Secret.copyOf(Arrays.copyOf(bytes, end));
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    String fromEnv = ctx.env().get(CliContext.PASSWORD_ENV);
    if (fromEnv == null || fromEnv.isEmpty()) {
      throw new UsageException(
          "no password: set the environment variable " + CliContext.PASSWORD_ENV + " or use --password-file FILE");
    }
    return Secret.fromText(fromEnv);
  }

  @Override
  public void close() {
    try {
      core.signOut();
    } catch (RelayException e) {
      // the session ends with the process anyway
    }
    executor.shutdownNow();
    clients.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
