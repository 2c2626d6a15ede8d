package se.nexus.audit.web;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** No entry at that position: the chain is shorter. */
class EntryNotFound extends ApiException {

    EntryNotFound(long position) {
        super(HttpStatus.NOT_FOUND, "entry-not-found", "No entry at position " + position);
    }
}
