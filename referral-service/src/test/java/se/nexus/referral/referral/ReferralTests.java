package se.nexus.referral.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every allowed and every forbidden transition of the referral lifecycle. */
class ReferralTests {

    static final Actor SENDER = new Actor("se.uppsala.socialtjanst", "u-1");
    static final Actor RECEIVER = new Actor("se.uppsala.nexus", "u-2");
    static final Actor OTHER = new Actor("se.polisen.region-mitt", "u-3");
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    static Referral submitted() {
        var request = new NewReferral(RECEIVER.agency(), new Subject("p-1", false), Urgency.URGENT,
            List.of(Concern.THREATS), new LegalBasis(LegalBasis.Type.STATUTORY, null, "OSL_10_2"),
            Purpose.PROTECTION_AND_SUPPORT, null);
        return Referral.submit(SENDER, request, null, NOW).referral();
    }

    static Referral in(ReferralStatus status) {
        Referral referral = submitted();
        switch (status) {
            case SUBMITTED -> { }
            case RECEIVED -> referral.receive(RECEIVER, NOW);
            case ACCEPTED -> { referral.receive(RECEIVER, NOW); referral.accept(RECEIVER, NOW); }
            case DECLINED -> { referral.receive(RECEIVER, NOW); referral.decline(RECEIVER, DeclineReason.NOT_IN_REMIT, null, NOW); }
            case WITHDRAWN -> referral.withdraw(SENDER, NOW);
            case CLOSED -> { referral.receive(RECEIVER, NOW); referral.accept(RECEIVER, NOW); referral.close(RECEIVER, NOW); }
        }
        return referral;
    }

    @Test
    void submittingMakesTheSenderOwnerOfASubmittedReferral() {
        Referral referral = submitted();
        assertThat(referral.status()).isEqualTo(ReferralStatus.SUBMITTED);
        assertThat(referral.ownerAgency()).isEqualTo(SENDER.agency());
    }

    @Test
    void acceptingMakesTheReceiverOwner() {
        assertThat(in(ReferralStatus.ACCEPTED).ownerAgency()).isEqualTo(RECEIVER.agency());
    }

    record Move(String name, Actor actor, Consumer<Referral> action) {
    }

    static Stream<Move> moves() {
        return Stream.of(
            new Move("receive by receiver", RECEIVER, r -> r.receive(RECEIVER, NOW)),
            new Move("receive by sender", SENDER, r -> r.receive(SENDER, NOW)),
            new Move("accept by receiver", RECEIVER, r -> r.accept(RECEIVER, NOW)),
            new Move("accept by sender", SENDER, r -> r.accept(SENDER, NOW)),
            new Move("decline by receiver", RECEIVER, r -> r.decline(RECEIVER, DeclineReason.OTHER, null, NOW)),
            new Move("decline by sender", SENDER, r -> r.decline(SENDER, DeclineReason.OTHER, null, NOW)),
            new Move("withdraw by sender", SENDER, r -> r.withdraw(SENDER, NOW)),
            new Move("withdraw by receiver", RECEIVER, r -> r.withdraw(RECEIVER, NOW)),
            new Move("close by owner", RECEIVER, r -> r.close(RECEIVER, NOW)),
            new Move("close by sender", SENDER, r -> r.close(SENDER, NOW)),
            new Move("receive by uninvolved", OTHER, r -> r.receive(OTHER, NOW)));
    }

    /** The allowed cells of status x move; every other cell must be refused. */
    static final List<String> ALLOWED = List.of(
        "SUBMITTED/receive by receiver", "SUBMITTED/withdraw by sender",
        "RECEIVED/accept by receiver", "RECEIVED/decline by receiver", "RECEIVED/withdraw by sender",
        "ACCEPTED/close by owner");

    static Stream<Arguments> cells() {
        return Stream.of(ReferralStatus.values()).flatMap(status -> moves().map(move -> Arguments.of(status, move)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("cells")
    void onlyTheNamedPartyMayMakeEachTransitionFromItsStatus(ReferralStatus status, Move move) {
        Referral referral = in(status);
        if (ALLOWED.contains(status + "/" + move.name())) {
            move.action().accept(referral);
            assertThat(referral.status()).isNotEqualTo(status);
        } else {
            assertThatThrownBy(() -> move.action().accept(referral)).isInstanceOf(IllegalTransition.class);
            assertThat(referral.status()).isEqualTo(status);
        }
    }

    @Test
    void onlySenderReceiverAndOwnerSeeAReferral() {
        Referral referral = submitted();
        assertThat(referral.isVisibleTo(SENDER.agency())).isTrue();
        assertThat(referral.isVisibleTo(RECEIVER.agency())).isTrue();
        assertThat(referral.isVisibleTo(OTHER.agency())).isFalse();
    }
}
