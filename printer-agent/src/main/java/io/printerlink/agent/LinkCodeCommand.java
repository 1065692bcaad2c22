package io.printerlink.agent;

import io.printerlink.agent.codes.CodeLinker;
import io.printerlink.agent.relay.RelayHttp;
import io.printerlink.agent.state.StateLock;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.RelayTrust;
import java.io.IOException;
import io.printerlink.protocol.api.LinkCodes;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jetty.client.HttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code printer-agent link --code 123456}: links this printer with the code the app shows. Takes
 * the agent's own flags ({@code --relay}, {@code --state-dir}, {@code --name}, {@code --model}),
 * accepts "123 456" and "123-456", refuses anything else before sending. Exit 0 linked, 1 not
 * linked (the reason printed in plain words), 2 bad input.
 */
@Command(
    name = "link",
    mixinStandardHelpOptions = true,
    description = "Links this printer to an account with the 6-digit code shown in the app.")
public final class LinkCodeCommand implements Callable<Integer> {
  static final int LINKED = 0;
  static final int NOT_LINKED = 1;
  static final int BAD_INPUT = 2;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Option(names = "--code", required = true, paramLabel = "CODE",
      description = "The 6-digit code shown in the app (spaces or a dash are fine).")
  private String code;

  @Option(names = "--relay", required = true, paramLabel = "URL", description = "The relay's http(s) base URL.")
  private String relay;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "State folder (default: ${DEFAULT-VALUE}).")
  private Path stateDir = AgentConfig.DEFAULT_STATE_DIR;

  @Option(names = "--name", paramLabel = "NAME", description = "Printer name shown to the user (default: from the host name).")
  private String name;

  @Option(names = "--model", paramLabel = "MODEL", description = "Printer model or profile (default: ${DEFAULT-VALUE}).")
  private String model = AgentConfig.DEFAULT_MODEL;

  @Option(names = "--relay-ca", paramLabel = "FILE",
      description = "PEM file with the CA (or certificate) a self-hosted relay's TLS certificate must chain to "
          + "(default: the system trust store).")
  private Path relayCa;

  @Option(names = "--insecure", description = "Allow a plain http:// relay URL to another machine (the token travels unencrypted).")
  private boolean insecure;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String digits;
    try {
      digits = LinkCodes.normalize(code);
    } catch (IllegalArgumentException e) {
      err.println("printer-agent: " + e.getMessage());
      return BAD_INPUT;
    }
    AgentConfig config;
    try {
      RelayTrust trust = (relayCa == null ? RelayTrust.system() : RelayTrust.fromPem(relayCa)).allowInsecure(insecure);
      config = AgentConfig.builder().relayUri(new URI(relay)).stateDir(stateDir).name(name).model(model)
          .relayTrust(trust).build();
    } catch (URISyntaxException e) {
      err.println("printer-agent: --relay: not a URL");
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("printer-agent: " + e.getMessage());
      return BAD_INPUT;
    }
    Optional<String> wrongUser = foreignOwner(config.stateDir());
    if (wrongUser.isPresent()) {
      err.println("printer-agent: the state folder " + config.stateDir().toAbsolutePath() + " belongs to user "
          + wrongUser.get() + ": run this as that user (e.g. sudo -u " + wrongUser.get()
          + " java -jar printerlink-agent.jar link ...), or the agent could not read the token it stores");
      return BAD_INPUT;
    }
    StateLock lock;
    try {
      lock = StateLock.acquire(config.stateDir());
    } catch (StateLock.HeldException e) {
      err.println("printer-agent: " + e.getMessage() + " (a running agent?). Stop it first (e.g. sudo systemctl stop "
          + "printerlink-agent), link, then start it again: an agent running meanwhile would not use the new link.");
      return NOT_LINKED;
    } catch (IOException e) {
      err.println("printer-agent: cannot use the state folder " + config.stateDir().toAbsolutePath() + ": "
          + io.printerlink.protocol.FileProblems.reason(e));
      return NOT_LINKED;
    }
    try (lock) {
      return link(digits, config, out, err);
    }
  }

  private int link(String digits, AgentConfig config, PrintWriter out, PrintWriter err) throws Exception {
    HttpClient http = RelayHttp.client(config.relayUri(), config.relayTrust());
    http.setConnectTimeout(config.relayConnectTimeout().toMillis());
    http.start();
    try {
      String host = AgentConfig.hostName();
      CodeLinker.Result r = new CodeLinker(http, config.relayUri(), AgentConfig.DEFAULT_RELAY_REQUEST_TIMEOUT,
          new TokenStore(config.stateDir(), config.relayUri()))
          .link(digits, new CodeLinker.PrinterInfo(Json.isCleanText(host) ? host : "printer-agent", config.name(),
              AgentVersion.get(), config.model()));
      if (r.linked()) {
        out.println(Character.toUpperCase(r.message().charAt(0)) + r.message().substring(1) + ".");
        out.println("Now start the agent with the same --relay and --state-dir (e.g. sudo systemctl start printerlink-agent) to bring the printer online.");
        return LINKED;
      }
      err.println("Not linked: " + r.message() + ".");
      return NOT_LINKED;
    } finally {
      http.stop();
      out.flush();
      err.flush();
    }
  }

  /**
   * The owner of an existing state folder when that is not the user running this command: root
   * running {@code link} on a service's folder would leave a root-owned 0600 token the service
   * cannot read. Empty when the folder does not exist yet, belongs to us, or owners are unknown.
   */
  static Optional<String> foreignOwner(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        return Optional.empty();
      }
      String owner = Files.getOwner(dir).getName();
      String me = System.getProperty("user.name");
      return me == null || owner.equals(me) ? Optional.empty() : Optional.of(owner);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }
}
