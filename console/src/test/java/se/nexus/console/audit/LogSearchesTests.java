package se.nexus.console.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.Errors;

import se.nexus.console.api.AuditApi;

import static org.assertj.core.api.Assertions.assertThat;

/** A search as typed becomes the service's filters, or each mistake is marked on its field before anything is asked. */
class LogSearchesTests {

    static final List<String> AGENCIES = List.of("se.uppsala.nexus", "se.polisen.region-mitt");

    static final List<String> EVENT_TYPES = List.of("se.nexus.events.referral.ReferralSubmitted", "AuditQueryPerformed");

    @Test
    void emptyFieldsDoNotNarrowTheSearch() {
        LogSearchForm form = new LogSearchForm();
        form.referralId = " ";
        form.from = "";
        assertThat(search(form, errors(form))).isEqualTo(new AuditApi.Search(null, null, null, null, null, null));
    }

    @Test
    void localTimesAreTheCountysAndEveryFilterIsPassedOn() {
        String referral = UUID.randomUUID().toString();
        LogSearchForm form = new LogSearchForm();
        form.referralId = referral;
        form.subjectRef = " P-1 ";
        form.agency = "se.uppsala.nexus";
        form.eventType = "AuditQueryPerformed";
        form.from = "2025-01-15T08:00";
        form.to = "2025-07-15T08:00";
        assertThat(search(form, errors(form))).isEqualTo(new AuditApi.Search(referral, "P-1", "se.uppsala.nexus",
                "AuditQueryPerformed", Instant.parse("2025-01-15T07:00:00Z"), Instant.parse("2025-07-15T06:00:00Z")));
    }

    @Test
    void anEndNotAfterTheStartIsMarkedOnTheEnd() {
        LogSearchForm form = new LogSearchForm();
        form.from = "2025-03-01T10:00";
        form.to = "2025-03-01T10:00";
        Errors errors = errors(form);
        assertThat(search(form, errors)).isNull();
        assertThat(errors.getFieldErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("to");
            assertThat(error.getCode()).isEqualTo("invalid.to");
        });
    }

    @Test
    void eachFieldThatCannotBeAFilterIsMarked() {
        LogSearchForm form = new LogSearchForm();
        form.referralId = "not-a-referral";
        form.subjectRef = "two words";
        form.agency = "se.example.other";
        form.eventType = "ReferralSubmitted";
        form.from = "yesterday";
        Errors errors = errors(form);
        assertThat(search(form, errors)).isNull();
        assertThat(errors.getFieldErrors()).extracting(error -> error.getField())
            .containsExactly("referralId", "subjectRef", "agency", "eventType", "from");
    }

    private static AuditApi.Search search(LogSearchForm form, Errors errors) {
        return LogSearches.of(form, errors, AGENCIES, EVENT_TYPES);
    }

    private static Errors errors(LogSearchForm form) {
        return new DirectFieldBindingResult(form, "logSearchForm");
    }
}
