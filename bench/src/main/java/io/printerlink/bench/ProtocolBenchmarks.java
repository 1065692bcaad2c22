package io.printerlink.bench;

import io.printerlink.protocol.Json;
import io.printerlink.protocol.JsonInputException;
import io.printerlink.protocol.Message;
import io.printerlink.protocol.Proof;
import io.printerlink.protocol.Secret;
import io.printerlink.protocol.Secrets;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.ws.Announce;
import io.printerlink.protocol.ws.Messages;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-costs on the hot paths of P1-P3: the relay parses every heartbeat strictly, encodes a
 * discovery list per change, and the client and agent each compute one proof per link.
 * Run: {@code bench/run.sh jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProtocolBenchmarks {
  private String announceJson;
  private Secret localSecret;
  private Secret proof;
  private String instanceId;
  private String nonce;
  private DiscoveryResponse list;

  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    instanceId = UUID.randomUUID().toString();
    Announce a = new Announce(1, instanceId, "192.168.1.23", 8787, "octopi", "Workshop printer", "0.1.0",
        "Prusa MK4", 540, null);
    announceJson = Messages.AGENT_TO_RELAY.encode(Messages.ANNOUNCE, a);
    localSecret = Secrets.newLocalSecret(random);
    nonce = Secrets.newNonce(random, 16);
    proof = Proof.compute(localSecret, instanceId, "acc_benchmark", nonce);
    list = new DiscoveryResponse(DiscoveryResponse.OK, List.of(
        new DiscoveredPrinter(instanceId, "192.168.1.23", 8787, "octopi", "Workshop printer", "0.1.0", "Prusa MK4", 540)),
        "203.0.113.7");
  }

  /** The relay's strict parse of one heartbeat (every agent, every 5 s). */
  @Benchmark
  public Message parseAnnounce() throws JsonInputException {
    return Json.parseMessage(announceJson, Messages.AGENT_TO_RELAY);
  }

  /** An agent's encode of one heartbeat. */
  @Benchmark
  public String encodeAnnounce() throws JsonInputException {
    return Messages.AGENT_TO_RELAY.encode(Messages.ANNOUNCE, Json.parseMessage(announceJson, Messages.AGENT_TO_RELAY).as(Announce.class));
  }

  /** The relay's encode of one discovery push. */
  @Benchmark
  public String encodeDiscovery() {
    return Messages.RELAY_TO_CLIENT.encode(Messages.DISCOVERY, list);
  }

  /** The client's proof (HMAC-SHA256), once per link. */
  @Benchmark
  public Secret computeProof() {
    return Proof.compute(localSecret, instanceId, "acc_benchmark", nonce);
  }

  /** The agent's constant-time check of a proof, once per link. */
  @Benchmark
  public boolean verifyProof() {
    return Proof.verify(localSecret, instanceId, "acc_benchmark", nonce, proof);
  }
}
