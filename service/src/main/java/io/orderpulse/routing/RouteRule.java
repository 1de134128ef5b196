package io.orderpulse.routing;

import java.time.Instant;

/**
 * A routing rule of an organization.
 *
 * @param id its id
 * @param name its name, as shown
 * @param priority the evaluation order: lower first (ties by id)
 * @param enabled whether it is evaluated
 * @param condition what it applies to
 * @param action what it does
 * @param createdTime when it was created
 * @param updatedTime when it was last changed
 */
public record RouteRule(long id, String name, int priority, boolean enabled, RouteCondition condition,
		RouteAction action, Instant createdTime, Instant updatedTime) {

}
