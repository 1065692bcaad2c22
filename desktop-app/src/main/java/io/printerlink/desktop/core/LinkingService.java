package io.printerlink.desktop.core;

import io.printerlink.protocol.Secret;
import io.printerlink.protocol.api.DiscoveredPrinter;
import io.printerlink.protocol.api.DiscoveryResponse;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.PrinterView;
import io.printerlink.protocol.api.PrintersResponse;
import java.util.Optional;

/**
 * What the CLI and the wizard's view-models need from the linking core. {@link LinkingCore} is
 * the one implementation; the interface exists so view-models can be unit-tested with a fake.
 * Every method blocks: call it off the UI thread.
 */
public interface LinkingService {
  /** Signs in, or creates the account first when {@link Credentials#createAccount()} is set. */
  Session signIn(Credentials credentials) throws RelayException;

  Optional<Session> session();

  void signOut() throws RelayException;

  DiscoveryResponse discover() throws RelayException;

  /** Opens the live events socket for the signed-in account. */
  EventsConnection watch(EventsListener listener) throws RelayException;

  /** Waits (up to the configured discovery wait) until exactly one printer is in discovery. */
  DiscoveredPrinter awaitSinglePrinter() throws LinkException;

  /** Runs the whole link; returns the final state (LINKED, REJECTED, EXPIRED or FAILED). */
  LinkRequestView link(DiscoveredPrinter printer, LinkListener listener) throws LinkException;

  /**
   * Asks the relay for the account's 6-digit code (PROTOCOL.md "The manual fallback"): a new one,
   * or the live one again with its remaining life. The events socket that will carry the outcome
   * is opened first, so a printer that types the code at once is not missed.
   */
  default LinkCode issueLinkCode() throws RelayException {
    throw new UnsupportedOperationException("this LinkingService does not link with codes");
  }

  /**
   * Waits, live on the events socket, until a printer has used {@code code} and the link is done
   * (LINKED), the code ran out (EXPIRED) or the link failed (FAILED). {@code listener} hears the
   * countdown about once a second and every {@code link-code} event.
   */
  default LinkCodeResult awaitCodeLink(LinkCode code, CodeLinkListener listener) throws LinkException {
    throw new UnsupportedOperationException("this LinkingService does not link with codes");
  }

  PrintersResponse printers() throws RelayException;

  void unlink(String printerId) throws RelayException;

  /** Renames one of my printers (1 to 64 characters); returns it as the relay now shows it. */
  PrinterView rename(String printerId, String name) throws RelayException;

  /**
   * Takes up a session saved from an earlier run (see {@link Session#tokenCopy}), after the relay
   * confirms it still holds; a 401 means it ended (sign in again). The session takes ownership of
   * {@code token} (it is destroyed on sign-out or when the relay refuses it).
   */
  Session resume(String accountId, String username, Secret token) throws RelayException;
}
