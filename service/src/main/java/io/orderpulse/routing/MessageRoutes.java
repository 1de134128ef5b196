package io.orderpulse.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.orderpulse.identity.NotFound;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserGroup;
import io.orderpulse.identity.UserGroups;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.platform.Problems.FieldProblem;
import io.orderpulse.routing.RouteCondition.RouteProbe;
import io.orderpulse.routing.RouteJson.RouteDraft;
import io.orderpulse.routing.RouteTrace.RuleCheck;
import io.orderpulse.routing.internal.RouteRepository;
import io.orderpulse.routing.internal.SettingsRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's routing rules and how they decide, quiet hours (the organization's
 * and each user's override) and users' notification preferences. Everything is scoped to
 * the caller's organization: another organization's rule is not found.
 */
@Service
public class MessageRoutes {

	private final RouteRepository routes;

	private final SettingsRepository settings;

	private final UserAccounts accounts;

	private final UserGroups groups;

	private final Clock clock;

	MessageRoutes(RouteRepository routes, SettingsRepository settings, UserAccounts accounts, UserGroups groups,
			Clock clock) {
		this.routes = routes;
		this.settings = settings;
		this.accounts = accounts;
		this.groups = groups;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<RouteRule> list(long orgId) {
		return this.routes.list(orgId);
	}

	@Transactional(readOnly = true)
	public RouteRule get(long orgId, long id) {
		return this.routes.find(orgId, id).orElseThrow(() -> RoutingProblems.ruleNotFound(id));
	}

	/**
	 * Creates a rule.
	 * @throws org.springframework.web.ErrorResponseException 400 naming
	 * {@code condition.groupIds[i]} if a group is not the organization's
	 */
	@Transactional
	public RouteRule create(long orgId, RouteDraft draft) {
		checkGroups(orgId, draft.condition());
		return this.routes.insert(orgId, draft, this.clock.instant());
	}

	@Transactional
	public RouteRule update(long orgId, long id, RouteDraft draft) {
		checkGroups(orgId, draft.condition());
		return this.routes.update(orgId, id, draft, this.clock.instant())
			.orElseThrow(() -> RoutingProblems.ruleNotFound(id));
	}

	@Transactional
	public void delete(long orgId, long id) {
		if (!this.routes.delete(orgId, id)) {
			throw RoutingProblems.ruleNotFound(id);
		}
	}

	private void checkGroups(long orgId, RouteCondition condition) {
		if (condition.groupIds() == null) {
			return;
		}
		Set<Long> known = new HashSet<>(this.groups.list(orgId).stream().map(UserGroup::id).toList());
		List<FieldProblem> problems = new ArrayList<>();
		for (int i = 0; i < condition.groupIds().size(); i++) {
			if (!known.contains(condition.groupIds().get(i))) {
				problems.add(new FieldProblem("condition.groupIds[" + i + "]",
						"there is no group " + condition.groupIds().get(i) + " in your organization"));
			}
		}
		RoutingProblems.rejectIfAny(problems);
	}

	/**
	 * Which rule a message of the given type, priority and category sent now (or at the
	 * given time) to the user would match, and why each rule matched or not.
	 * @throws NotFound if the user is not one of the organization's
	 */
	@Transactional(readOnly = true)
	public RouteTrace test(long orgId, MessageType messageType, Priority priority, @Nullable String category,
			long userId, @Nullable Instant time) {
		UserSummary user = this.accounts.findInOrganization(orgId, userId).orElseThrow(() -> NotFound.user(userId));
		RouteProbe probe = new RouteProbe(messageType, priority, category, (time != null) ? time : this.clock.instant(),
				user.roles(), this.groups.groupIdsOf(orgId, userId));
		return evaluate(this.routes.list(orgId), probe);
	}

	/**
	 * The first enabled rule (in the given evaluation order) whose condition holds
	 * decides; with none, the default route.
	 */
	public static RouteTrace evaluate(List<RouteRule> rules, RouteProbe probe) {
		List<RuleCheck> checks = new ArrayList<>();
		RouteRule matched = null;
		for (RouteRule rule : rules) {
			if (matched != null) {
				checks.add(new RuleCheck(rule.id(), rule.name(), rule.priority(), false,
						"not evaluated: an earlier rule matched"));
				continue;
			}
			if (!rule.enabled()) {
				checks.add(new RuleCheck(rule.id(), rule.name(), rule.priority(), false, "disabled"));
				continue;
			}
			String failure = rule.condition().firstFailure(probe);
			checks.add(new RuleCheck(rule.id(), rule.name(), rule.priority(), failure == null,
					(failure != null) ? failure : "matched"));
			if (failure == null) {
				matched = rule;
			}
		}
		return new RouteTrace(matched, (matched != null) ? matched.action() : RouteAction.DEFAULT, checks);
	}

	@Transactional(readOnly = true)
	public Optional<QuietHours> organizationQuietHours(long orgId) {
		return this.settings.quietHours(orgId, SettingsRepository.ORGANIZATION);
	}

	@Transactional
	public QuietHours setOrganizationQuietHours(long orgId, QuietHours hours) {
		this.settings.saveQuietHours(orgId, SettingsRepository.ORGANIZATION, hours);
		return hours;
	}

	@Transactional
	public void deleteOrganizationQuietHours(long orgId) {
		if (!this.settings.deleteQuietHours(orgId, SettingsRepository.ORGANIZATION)) {
			throw RoutingProblems.quietHoursNotFound();
		}
	}

	@Transactional(readOnly = true)
	public Optional<QuietHours> userQuietHours(long orgId, long userId) {
		return this.settings.quietHours(orgId, userId);
	}

	@Transactional
	public QuietHours setUserQuietHours(long orgId, long userId, QuietHours hours) {
		this.settings.saveQuietHours(orgId, userId, hours);
		return hours;
	}

	@Transactional
	public void deleteUserQuietHours(long orgId, long userId) {
		if (!this.settings.deleteQuietHours(orgId, userId)) {
			throw RoutingProblems.quietHoursNotFound();
		}
	}

	/**
	 * The quiet hours that apply to the user: their own override if they set one (even a
	 * disabled one), else the organization's; empty when none apply.
	 */
	@Transactional(readOnly = true)
	public Optional<QuietHours> effectiveQuietHours(long orgId, long userId) {
		Optional<QuietHours> own = this.settings.quietHours(orgId, userId);
		return (own.isPresent() ? own : this.settings.quietHours(orgId, SettingsRepository.ORGANIZATION))
			.filter(QuietHours::enabled);
	}

	/**
	 * The quiet hours that apply to each of the users
	 * ({@link #effectiveQuietHours(long, long)}), in a few queries; users to whom none
	 * apply are missing.
	 */
	@Transactional(readOnly = true)
	public Map<Long, QuietHours> effectiveQuietHours(long orgId, Collection<Long> userIds) {
		Optional<QuietHours> organization = this.settings.quietHours(orgId, SettingsRepository.ORGANIZATION);
		Map<Long, QuietHours> own = this.settings.quietHours(orgId, userIds);
		Map<Long, QuietHours> effective = new HashMap<>();
		for (long userId : userIds) {
			QuietHours hours = own.containsKey(userId) ? own.get(userId) : organization.orElse(null);
			if (hours != null && hours.enabled()) {
				effective.put(userId, hours);
			}
		}
		return effective;
	}

	/**
	 * The preferences of each of the users, in a few queries.
	 */
	@Transactional(readOnly = true)
	public Map<Long, NotificationPreferences> preferences(Collection<Long> userIds) {
		return userIds.isEmpty() ? Map.of() : this.settings.preferences(userIds);
	}

	@Transactional(readOnly = true)
	public NotificationPreferences preferences(long userId) {
		return this.settings.preferences(userId);
	}

	@Transactional
	public NotificationPreferences setPreferences(long userId, NotificationPreferences preferences) {
		this.settings.savePreferences(userId, preferences);
		return this.settings.preferences(userId);
	}

}
