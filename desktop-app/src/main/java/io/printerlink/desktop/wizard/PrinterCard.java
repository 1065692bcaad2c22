package io.printerlink.desktop.wizard;

import io.printerlink.protocol.NetworkAddresses;
import io.printerlink.protocol.api.DiscoveredPrinter;

/** What the printer card shows, made from the relay's discovery entry (text only, never markup). */
public record PrinterCard(String name, String model, String address, String agentVersion, String hostname, DiscoveredPrinter printer) {
  public static PrinterCard of(DiscoveredPrinter p) {
    return new PrinterCard(
        p.agentName().isBlank() ? p.hostname() : p.agentName(), p.model(),
        NetworkAddresses.urlHost(p.privateIp()) + ":" + p.port(), p.agentVersion(), p.hostname(), p);
  }
}
