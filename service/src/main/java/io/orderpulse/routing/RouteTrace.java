package io.orderpulse.routing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the rules decided for one message and recipient.
 *
 * @param matched the rule that decided; none when the default route applies
 * @param action what happens: the matched rule's action or the default
 * @param checks every rule in evaluation order, with whether it matched and why not
 */
public record RouteTrace(@Nullable RouteRule matched, RouteAction action, List<RuleCheck> checks) {

	/**
	 * One rule's verdict.
	 *
	 * @param ruleId the rule
	 * @param name its name
	 * @param priority its priority
	 * @param matched whether it matched (and was enabled)
	 * @param reason {@code matched}, {@code disabled}, the first condition that failed,
	 * or {@code not evaluated: an earlier rule matched}
	 */
	public record RuleCheck(long ruleId, String name, int priority, boolean matched, String reason) {
	}

}
