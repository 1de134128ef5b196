package io.orderpulse.routing.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.platform.Problems.FieldProblem;
import io.orderpulse.routing.MessageRoutes;
import io.orderpulse.routing.RouteJson;
import io.orderpulse.routing.RouteJson.RouteDraft;
import io.orderpulse.routing.RouteRule;
import io.orderpulse.routing.RouteTrace;
import io.orderpulse.routing.RouteTrace.RuleCheck;
import io.orderpulse.routing.RoutingProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's routing rules, for its admins, and the rule test.
 */
@RestController
@RequestMapping("/api/v1/message-routes")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Message routing")
@SecurityRequirement(name = "bearer")
class RouteController {

	private final MessageRoutes routes;

	RouteController(MessageRoutes routes) {
		this.routes = routes;
	}

	@GetMapping
	@Operation(summary = "Your organization's routing rules in evaluation order")
	List<RuleView> list(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.routes.list(caller.orgId()).stream().map(RuleView::of).toList();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a routing rule")
	RuleView create(@AuthenticationPrincipal AuthenticatedUser caller, @RequestBody @Nullable JsonNode body) {
		return RuleView.of(this.routes.create(caller.orgId(), draft(body)));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One routing rule")
	RuleView get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id) {
		return RuleView.of(this.routes.get(caller.orgId(), id));
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a routing rule (enable or disable it with enabled)")
	RuleView update(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id,
			@RequestBody @Nullable JsonNode body) {
		RouteDraft draft = draft(body);
		return RuleView.of(this.routes.update(caller.orgId(), id, draft));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a routing rule")
	void delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id) {
		this.routes.delete(caller.orgId(), id);
	}

	@PostMapping("/test")
	@Operation(summary = "Which rule a message to a recipient would match, and why each rule matched or not")
	TestResult test(@AuthenticationPrincipal AuthenticatedUser caller, @RequestBody @Nullable JsonNode body) {
		RouteJson reader = new RouteJson();
		if (!reader.object(body, "body")) {
			RoutingProblems.rejectIfAny(reader.problems());
		}
		reader.known(body, "", "messageType", "priority", "category", "userId", "time");
		MessageType messageType = reader.constant(body.get("messageType"), "messageType", MessageType.class);
		Priority priority = reader.constant(body.get("priority"), "priority", Priority.class);
		JsonNode category = body.get("category");
		if (category != null && !category.isNull() && !category.isString()) {
			reader.problems().add(new FieldProblem("category", "must be text"));
		}
		JsonNode userId = body.get("userId");
		if (userId == null || !userId.isIntegralNumber()) {
			reader.problems().add(new FieldProblem("userId", "is required: the recipient's user id"));
		}
		Instant time = null;
		JsonNode timeNode = body.get("time");
		if (timeNode != null && !timeNode.isNull()) {
			try {
				time = Instant.parse(timeNode.asString());
			}
			catch (DateTimeParseException ex) {
				reader.problems().add(new FieldProblem("time", "must be an instant such as 2026-01-26T23:00:00Z"));
			}
		}
		if (messageType == null && !reader.problems().stream().anyMatch((p) -> p.field().equals("messageType"))) {
			reader.problems().add(new FieldProblem("messageType", "is required"));
		}
		if (priority == null && !reader.problems().stream().anyMatch((p) -> p.field().equals("priority"))) {
			reader.problems().add(new FieldProblem("priority", "is required"));
		}
		RoutingProblems.rejectIfAny(reader.problems());
		RouteTrace trace = this.routes.test(caller.orgId(), messageType, priority,
				(category != null && category.isString()) ? category.stringValue() : null, userId.longValue(), time);
		RouteRule matched = trace.matched();
		return new TestResult((matched != null) ? matched.id() : null,
				(matched != null) ? matched.name() : "default route (inbox and WebSocket at once)",
				RouteJson.write(trace.action()), trace.checks());
	}

	private static RouteDraft draft(@Nullable JsonNode body) {
		RouteJson reader = new RouteJson();
		RouteDraft draft = reader.rule(body);
		RoutingProblems.rejectIfAny(reader.problems());
		if (draft == null) {
			throw new IllegalStateException("A rule without problems was not read");
		}
		return draft;
	}

	/**
	 * A rule as the API shows it.
	 */
	record RuleView(long id, String name, int priority, boolean enabled, JsonNode condition, JsonNode action,
			Instant createdTime, Instant updatedTime) {

		static RuleView of(RouteRule rule) {
			return new RuleView(rule.id(), rule.name(), rule.priority(), rule.enabled(),
					RouteJson.write(rule.condition()), RouteJson.write(rule.action()), rule.createdTime(),
					rule.updatedTime());
		}

	}

	/**
	 * The answer of the rule test.
	 *
	 * @param matchedRuleId the rule that decides; none for the default route
	 * @param matchedRuleName its name, or the default route's description
	 * @param action what would happen
	 * @param rules every rule in evaluation order with its verdict
	 */
	record TestResult(@Nullable Long matchedRuleId, String matchedRuleName, JsonNode action, List<RuleCheck> rules) {
	}

}
