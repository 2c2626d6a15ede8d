package se.nexus.console.referrals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A consent as the caseworker records it: who may share what with whom, for what, until when. */
public class ConsentForm {

	public UUID idempotencyKey = UUID.randomUUID();

	public String subjectRef;

	public List<String> grantedTo = new ArrayList<>();

	public String purpose;

	public List<String> dataCategories = new ArrayList<>(List.of("CASE_SUMMARY"));

	public LocalDate validFrom;

	public LocalDate validUntil;

	public String obtained;
}
