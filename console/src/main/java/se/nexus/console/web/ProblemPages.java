package se.nexus.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.ServletException;

import se.nexus.console.api.ApiProblem;
import se.nexus.console.security.Registration;

/**
 * A refusal that no form handles (opening a case that is not the agency's, a service that does not answer) becomes
 * a page that says so in words; an expired token sends the person to sign in again.
 */
@ControllerAdvice
class ProblemPages {

	@ExceptionHandler(ApiProblem.class)
	ModelAndView problem(ApiProblem problem, HttpServletRequest request) throws ServletException {
		if (problem.status() == 401) {
			// The person's access token expired (they live an hour): sign in again, silently while the identity
			// provider's session lasts.
			request.logout();
			return new ModelAndView("redirect:/oauth2/authorization/" + Registration.ID);
		}
		ModelAndView page = new ModelAndView("problem");
		page.addObject("messageKey", ProblemMessages.globalKey(problem, null));
		page.setStatus(problem.status() == 404 ? HttpStatus.NOT_FOUND
				: problem.status() >= 500 || problem.status() == 429 ? HttpStatus.SERVICE_UNAVAILABLE
						: HttpStatus.valueOf(problem.status()));
		return page;
	}
}
