package io.printerlink.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.printerlink.agent.PrinterAgent;
import io.printerlink.desktop.core.LinkEvent;
import io.printerlink.desktop.core.LinkingCore;
import io.printerlink.protocol.api.CreateAccountRequest;
import io.printerlink.protocol.api.ExchangeRequest;
import io.printerlink.protocol.api.LinkRequestCreate;
import io.printerlink.protocol.api.LinkRequestView;
import io.printerlink.protocol.api.LinkState;
import io.printerlink.protocol.api.SignInRequest;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C-02: the client's clock is +90 s or -600 s off. The relay trusts only its own clock and
 * nothing the client sends carries a timestamp, so the real client core, given a skewed
 * {@link java.time.Clock}, links exactly as with a right one.
 */
class C02ClientClockSkewTest {
  @TempDir Path temp;
  private AttackFixture f;
  private PrinterAgent agent;
  private AttackFixture.Account household;

  @BeforeEach
  void start() throws Exception {
    f = AttackFixture.start(temp);
    agent = f.startAgent("skewed-client-printer", b -> b);
    AttackFixture.awaitDiscoverable(agent);
    household = f.createAccount("household");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void clientClockNinetySecondsAheadLinks_C02() throws Exception {
    assertLinksWithClockOff(Duration.ofSeconds(90));
  }

  @Test
  void clientClockTenMinutesBehindLinks_C02() throws Exception {
    assertLinksWithClockOff(Duration.ofSeconds(-600));
  }

  @Test
  void nothingTheClientSendsCarriesATimestamp_C02() {
    for (Class<?> sent : List.of(CreateAccountRequest.class, SignInRequest.class, LinkRequestCreate.class,
        ExchangeRequest.class)) {
      for (RecordComponent c : sent.getRecordComponents()) {
        String name = c.getName().toLowerCase(Locale.ROOT);
        assertThat(Temporal.class.isAssignableFrom(c.getType())).as("%s.%s", sent.getSimpleName(), name).isFalse();
        assertThat(name).as("%s.%s", sent.getSimpleName(), name)
            .doesNotContain("time").doesNotContain("date").doesNotContain("expires").isNotEqualTo("at");
      }
    }
  }

  private void assertLinksWithClockOff(Duration skew) throws Exception {
    MovableClock clock = MovableClock.offsetBy(skew);
    LinkingCore core = f.signedInCore(household, clock);
    List<LinkEvent> events = new CopyOnWriteArrayList<>();

    LinkRequestView result = core.link(core.awaitSinglePrinter(), events::add);

    assertThat(result.linkState()).isEqualTo(LinkState.LINKED);
    assertThat(f.printerRows()).extracting(AttackFixture.PrinterRow::state).containsExactly("ACTIVE");
    AttackFixture.awaitAgent(agent, "linked", s -> s.linked());
    // positive control: the core really ran on the skewed clock
    Instant realNow = Instant.now();
    assertThat(events).isNotEmpty().allSatisfy(e ->
        assertThat(Duration.between(realNow, e.at()).minus(skew).abs()).isLessThan(Duration.ofSeconds(30)));
  }
}
