package se.nexus.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletRequest;

import se.nexus.console.security.Person;

/** What every page's frame needs: who is signed in and the page's own path (for the language switch). */
@ControllerAdvice
class PageModel {

	@ModelAttribute("person")
	Person person(Authentication authentication) {
		return Person.of(authentication);
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI();
	}
}
