package se.nexus.console.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.nexus.console.api.ApiProblem;
import se.nexus.console.api.NotificationApi;
import se.nexus.console.api.Views;
import se.nexus.console.web.ProblemMessages;

/**
 * The coordinator's inbox: what waits for acknowledgement first, most urgent and closest to its deadline at the
 * top, then what was acknowledged lately. The list is also served alone, for the page to refresh it live.
 */
@Controller
class InboxPages {

	/** How many notifications each part of the inbox shows; the API's page limit. */
	static final int SHOWN = 100;

	private static final List<String> URGENCY_ORDER = List.of("IMMEDIATE", "URGENT", "ROUTINE");

	private final NotificationApi api;

	private final Clock clock;

	InboxPages(NotificationApi api) {
		this.api = api;
		this.clock = Clock.systemUTC();
	}

	@GetMapping("/inbox")
	String inbox(Model model) {
		items(model);
		return "inbox/inbox";
	}

	@GetMapping("/inbox/items")
	String items(Model model) {
		Instant now = Instant.now(clock);
		// Most urgent first, each urgency asked for separately, so that a flood of routine notifications cannot push
		// an immediate one off the page; within an urgency, the nearest deadline first.
		List<Row> waiting = new ArrayList<>();
		long waitingTotal = 0;
		for (String urgency : URGENCY_ORDER) {
			Views.Page<Views.Notification> page = api.notifications(true, urgency, 0, SHOWN);
			waitingTotal += page.total();
			page.items()
				.stream()
				.map(notification -> Row.of(notification, now))
				.sorted(Comparator.comparing(row -> row.notification().deadline(),
						Comparator.nullsLast(Comparator.naturalOrder())))
				.forEach(waiting::add);
		}
		List<Views.Notification> newest = api.notifications(false, 0, SHOWN).items();
		List<Row> acknowledged = newest.stream()
			.filter(Views.Notification::acknowledged)
			.map(notification -> Row.of(notification, now))
			.toList();
		model.addAttribute("waiting", waiting);
		model.addAttribute("waitingTotal", waitingTotal);
		model.addAttribute("acknowledged", acknowledged);
		// The live stream continues after the newest notification this page has seen.
		model.addAttribute("lastSeq", newest.stream().mapToLong(Views.Notification::seq).max().orElse(0));
		return "inbox/items :: items";
	}

	@PostMapping("/inbox/{id}/acknowledge")
	String acknowledge(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			api.acknowledge(id);
			redirect.addFlashAttribute("done", "done.notification.acknowledge");
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401 || problem.status() >= 500) {
				throw problem;
			}
			redirect.addFlashAttribute("failed", ProblemMessages.globalKey(problem, null));
		}
		return "redirect:/inbox";
	}

	/** A notification with the time left to its deadline (negative when overdue), in whole minutes. */
	public record Row(Views.Notification notification, Long minutesLeft) {

		static Row of(Views.Notification notification, Instant now) {
			Long left = notification.deadline() == null || notification.acknowledged() ? null
					: Duration.between(now, notification.deadline()).toMinutes();
			return new Row(notification, left);
		}

		public boolean overdue() {
			return minutesLeft != null && minutesLeft < 0;
		}
	}
}
