package se.nexus.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Times as people in the county read them: local time, to the minute. Used by the templates as {@code @formats}. */
@Component("formats")
public class Formats {

	/** The county's time zone: the times people read and type are in it. */
	public static final ZoneId LOCAL = ZoneId.of("Europe/Stockholm");

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LOCAL);

	private static final DateTimeFormatter MILLISECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
		.withZone(LOCAL);

	public String at(Instant instant) {
		return instant == null ? "" : MINUTE.format(instant);
	}

	/** To the millisecond, as the audit log keeps times: an auditor compares them exactly. */
	public String exact(Instant instant) {
		return instant == null ? "" : MILLISECOND.format(instant);
	}

	/** A time the services sent as ISO-8601 text, as people read it; empty for none. */
	public String atText(String iso) {
		return iso == null || iso.isBlank() ? "" : at(Instant.parse(iso));
	}

	/** The machine-readable form for a time element's datetime attribute. */
	public String iso(Instant instant) {
		return instant == null ? "" : instant.toString();
	}
}
