package io.eventmonitoring.command.idempotency;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {

    private static final LedgerRecord.Accepted ACCEPTED = new LedgerRecord.Accepted("e-1", "user.signed-up", "u-1", "/users/u-1");

    private final Ledger ledger = new Ledger(Duration.ofHours(24), Duration.ofSeconds(60), 3);

    @Test
    void theFirstLiveClaimWinsAndLaterOnesLose() {
        ledger.apply("k", LedgerRecord.claim("a", "f"), 1_000);
        ledger.apply("k", LedgerRecord.claim("b", "f"), 2_000);

        assertThat(ledger.get("k", 2_000)).isEqualTo(new Ledger.Claimed("a", 1_000));
    }

    @Test
    void anAnswerOutlivesLaterClaimsUntilTheRetentionEnds() {
        ledger.apply("k", LedgerRecord.claim("a", "f"), 1_000);
        ledger.apply("k", LedgerRecord.done("a", "f", ACCEPTED), 1_500);
        ledger.apply("k", LedgerRecord.claim("b", "f"), 2_000);

        assertThat(ledger.get("k", 2_000)).isEqualTo(new Ledger.Done("f", ACCEPTED, 1_500));
        assertThat(ledger.get("k", 1_500 + Duration.ofHours(24).toMillis())).isNull();
    }

    @Test
    void aReleaseFreesOnlyItsOwnClaim() {
        ledger.apply("k", LedgerRecord.claim("a", "f"), 1_000);
        ledger.apply("k", LedgerRecord.release("b"), 1_100);
        assertThat(ledger.get("k", 1_200)).isInstanceOf(Ledger.Claimed.class);

        ledger.apply("k", LedgerRecord.release("a"), 1_300);
        assertThat(ledger.get("k", 1_400)).isNull();
    }

    @Test
    void anExpiredClaimGivesWayToTheNext() {
        ledger.apply("k", LedgerRecord.claim("a", "f"), 1_000);
        ledger.apply("k", LedgerRecord.claim("b", "f"), 61_000);

        assertThat(ledger.get("k", 61_000)).isEqualTo(new Ledger.Claimed("b", 61_000));
    }

    @Test
    void replayingTheSameLogAgainEndsInTheSameStates() {
        Ledger replayed = new Ledger(Duration.ofHours(24), Duration.ofSeconds(60), 3);
        for (Ledger target : new Ledger[] {ledger, replayed, replayed}) {
            target.apply("k", LedgerRecord.claim("a", "f"), 1_000);
            target.apply("k", LedgerRecord.done("a", "f", ACCEPTED), 1_500);
            target.apply("k", LedgerRecord.claim("b", "f"), 2_000);
        }
        assertThat(replayed.get("k", 3_000)).isEqualTo(ledger.get("k", 3_000));
    }

    @Test
    void atMostMaxKeysAreHeldTheOldestGoingFirst() {
        for (int i = 0; i < 5; i++) {
            ledger.apply("k" + i, LedgerRecord.done("c" + i, "f", ACCEPTED), 1_000 + i);
        }

        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.evicted()).isEqualTo(2);
        assertThat(ledger.get("k0", 2_000)).isNull();
        assertThat(ledger.get("k4", 2_000)).isInstanceOf(Ledger.Done.class);
    }

    @Test
    void aValueThatIsNotALedgerRecordIsSkipped() {
        assertThat(LedgerRecord.decode("not json")).isNull();
        assertThat(LedgerRecord.decode("{\"kind\":\"claim\"}")).isNull();
        assertThat(LedgerRecord.decode(LedgerRecord.claim("a", "f").encode())).isEqualTo(LedgerRecord.claim("a", "f"));
    }
}
