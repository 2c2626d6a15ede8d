package se.nexus.support.web;

import java.util.List;

/** One page of a list, as every list endpoint returns it. */
public record PageOf<T>(List<T> items, int page, int size, long total) {
}
