package se.nexus.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import se.nexus.console.security.Person;

/** The start page: a sign-in button, or the signed-in person's own work. */
@Controller
class HomePages {

	@GetMapping("/")
	String home(Authentication authentication) {
		Person person = Person.of(authentication);
		return person == null ? "home" : "redirect:" + person.home();
	}

	@GetMapping("/signed-out")
	String signedOut() {
		return "signed-out";
	}

	@GetMapping("/signed-in")
	String signedIn() {
		return "signed-in";
	}
}
