package io.printerlink.agent;

import io.printerlink.agent.codes.CodeLinker;
import io.printerlink.agent.state.TokenStore;
import io.printerlink.protocol.Json;
import io.printerlink.protocol.api.LinkCodes;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
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

  @Option(names = "--name", description = "Printer name shown to the user (default: from the host name).")
  private String name;

  @Option(names = "--model", description = "Printer model or profile (default: ${DEFAULT-VALUE}).")
  private String model = AgentConfig.DEFAULT_MODEL;

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
      config = AgentConfig.builder().relayUri(new URI(relay)).stateDir(stateDir).name(name).model(model).build();
    } catch (URISyntaxException e) {
      err.println("printer-agent: --relay: not a URL");
      return BAD_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("printer-agent: " + e.getMessage());
      return BAD_INPUT;
    }
    HttpClient http = new HttpClient();
    http.setConnectTimeout(config.relayConnectTimeout().toMillis());
    http.start();
    try {
      String host = AgentConfig.hostName();
      CodeLinker.Result r = new CodeLinker(http, config.relayUri(), AgentConfig.DEFAULT_RELAY_REQUEST_TIMEOUT,
          new TokenStore(config.stateDir()))
          .link(digits, new CodeLinker.PrinterInfo(Json.isCleanText(host) ? host : "printer-agent", config.name(),
              AgentVersion.get(), config.model()));
      if (r.linked()) {
        out.println("Linked: " + r.message() + ".");
        out.println("Start (or restart) the agent with the same --relay and --state-dir to bring the printer online.");
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
}
