package io.orderpulse.routing;

import java.util.List;
import java.util.stream.Stream;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing rules over HTTP: CRUD, evaluation order and first match, the test endpoint,
 * every validation error, and tenant isolation.
 */
@IntegrationTest
class RouteRuleTests {

	private static final String VALID = """
			{"name": "Urgent by email", "priority": 10, "enabled": true,
			 "condition": {"priority": "URGENT"},
			 "action": {"channels": ["WEBSOCKET", "EMAIL"], "retry": {"maxAttempts": 3, "backoff": "PT30S"}}}
			""";

	@Autowired
	TestApi api;

	private TestOrg org;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Routes");
	}

	@Test
	void createsReadsUpdatesAndDeletesARuleInTheIssuesShape() {
		Response created = this.org.createRule("""
				{"name": "Night shift", "priority": 5, "enabled": true,
				 "condition": {"messageType": "ALERT", "priority": "HIGH", "category": "ops", "roles": ["MERCHANT"],
				               "timeWindow": {"start": "22:00", "end": "08:00", "zone": "Asia/Shanghai"}},
				 "action": {"channels": ["WEBSOCKET", "WEBHOOK"], "delay": "PT15M", "respectQuietHours": false,
				            "retry": {"maxAttempts": 5, "backoff": "PT1M"}}}
				""");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode rule = created.json();
		long id = rule.get("id").asLong();
		assertThat(rule.get("name").asString()).isEqualTo("Night shift");
		assertThat(rule.get("condition").toString())
			.isEqualTo("{\"messageType\":\"ALERT\",\"priority\":\"HIGH\",\"category\":\"ops\",\"roles\":[\"MERCHANT\"],"
					+ "\"timeWindow\":{\"start\":\"22:00\",\"end\":\"08:00\",\"zone\":\"Asia/Shanghai\"}}");
		assertThat(rule.get("action").toString())
			.isEqualTo("{\"channels\":[\"WEBSOCKET\",\"WEBHOOK\"],\"delay\":\"PT15M\","
					+ "\"respectQuietHours\":false,\"retry\":{\"maxAttempts\":5,\"backoff\":\"PT1M\"}}");

		assertThat(this.api.get("/api/v1/message-routes/" + id, this.org.adminToken).json().get("action").toString())
			.isEqualTo(rule.get("action").toString());

		Response updated = this.api.put("/api/v1/message-routes/" + id, """
				{"name": "Night shift", "priority": 5, "enabled": false, "action": {"channels": ["SMS"]}}
				""", this.org.adminToken);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.json().get("enabled").asBoolean()).isFalse();
		assertThat(updated.json().get("condition").toString()).isEqualTo("{}");
		// defaults: no delay, quiet hours respected, 3 attempts 30 s apart (doubling)
		assertThat(updated.json().get("action").toString()).isEqualTo(
				"{\"channels\":[\"SMS\"],\"delay\":null,\"respectQuietHours\":true,\"retry\":{\"maxAttempts\":3,\"backoff\":\"PT30S\"}}");

		assertThat(this.api.delete("/api/v1/message-routes/" + id, this.org.adminToken).status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/message-routes/" + id, this.org.adminToken).status()).isEqualTo(404);
		assertThat(this.api.delete("/api/v1/message-routes/" + id, this.org.adminToken).status()).isEqualTo(404);
	}

	@Test
	void theFirstEnabledMatchingRuleByPriorityDecides() {
		UserSummary bob = this.org.user("bob");
		long catchAll = this.org.rule("""
				{"name": "Everything else", "priority": 30, "action": {"channels": ["WEBSOCKET"], "delay": "PT1M"}}
				""");
		long urgent = this.org.rule("""
				{"name": "Urgent", "priority": 20, "condition": {"priority": "URGENT"},
				 "action": {"channels": ["WEBSOCKET", "EMAIL"]}}
				""");
		long billing = this.org.rule("""
				{"name": "Billing", "priority": 10, "enabled": false, "condition": {"category": "BILLING"},
				 "action": {"channels": ["WEBHOOK"]}}
				""");
		assertThat(this.api.get("/api/v1/message-routes", this.org.adminToken)
			.json()
			.valueStream()
			.map((rule) -> rule.get("id").asLong())).containsExactly(billing, urgent, catchAll);

		JsonNode urgentBilling = test(bob, "URGENT", "BILLING");
		assertThat(urgentBilling.get("matchedRuleId").asLong()).isEqualTo(urgent);
		assertThat(urgentBilling.get("action").get("channels").toString()).isEqualTo("[\"WEBSOCKET\",\"EMAIL\"]");
		assertThat(reasons(urgentBilling)).containsExactly("disabled", "matched",
				"not evaluated: an earlier rule matched");

		JsonNode normal = test(bob, "NORMAL", "BILLING");
		assertThat(normal.get("matchedRuleId").asLong()).isEqualTo(catchAll);
		assertThat(reasons(normal)).containsExactly("disabled", "priority is NORMAL, not URGENT", "matched");

		Response enabled = this.api.put("/api/v1/message-routes/" + billing, """
				{"name": "Billing", "priority": 10, "enabled": true, "condition": {"category": "BILLING"},
				 "action": {"channels": ["WEBHOOK"]}}
				""", this.org.adminToken);
		assertThat(enabled.status()).isEqualTo(200);
		assertThat(test(bob, "URGENT", "billing").get("matchedRuleId").asLong()).isEqualTo(billing);
		assertThat(reasons(test(bob, "URGENT", "OTHER"))).containsExactly("category is OTHER, not BILLING", "matched",
				"not evaluated: an earlier rule matched");
	}

	@Test
	void rulesMatchRecipientsByRoleAndGroupAndMessagesByTimeWindow() {
		UserSummary buyer = this.org.user("buyer");
		UserSummary merchant = this.org.user("merchant", Role.MERCHANT);
		Response group = this.api.post("/api/v1/groups", "{\"name\": \"VIP\"}", this.org.adminToken);
		long vip = group.json().get("id").asLong();
		assertThat(
				this.api.post("/api/v1/groups/" + vip + "/members/" + buyer.id(), null, this.org.adminToken).status())
			.isEqualTo(204);
		long byRole = this.org
			.rule("""
					{"name": "Merchants", "priority": 1, "condition": {"roles": ["MERCHANT"]}, "action": {"channels": ["SMS"]}}
					""");
		long byGroup = this.org.rule("""
				{"name": "VIPs", "priority": 2, "condition": {"groupIds": [%d]}, "action": {"channels": ["EMAIL"]}}
				""".formatted(vip));
		long byNight = this.org.rule("""
				{"name": "Nights", "priority": 3,
				 "condition": {"timeWindow": {"start": "22:00", "end": "06:00", "zone": "Asia/Shanghai"}},
				 "action": {"channels": ["WEBHOOK"]}}
				""");

		assertThat(test(merchant, "NORMAL", "X").get("matchedRuleId").asLong()).isEqualTo(byRole);
		JsonNode vipCheck = test(buyer, "NORMAL", "X");
		assertThat(vipCheck.get("matchedRuleId").asLong()).isEqualTo(byGroup);
		assertThat(reasons(vipCheck).get(0)).isEqualTo("recipient has none of the roles [MERCHANT]");

		UserSummary other = this.org.user("other");
		// 23:30 in Shanghai is inside the window across midnight; 12:00 is not
		JsonNode night = testAt(other, "2026-01-26T15:30:00Z");
		assertThat(night.get("matchedRuleId").asLong()).isEqualTo(byNight);
		assertThat(reasons(night).get(1)).isEqualTo("recipient is in none of the groups [" + vip + "]");
		JsonNode noon = testAt(other, "2026-01-26T04:00:00Z");
		assertThat(noon.get("matchedRuleId").isNull()).isTrue();
		assertThat(noon.get("matchedRuleName").asString()).startsWith("default route");
		assertThat(noon.get("action").get("channels").toString()).isEqualTo("[\"WEBSOCKET\"]");
		assertThat(reasons(noon).get(2)).isEqualTo("sent at 12:00, outside the time window 22:00-06:00 Asia/Shanghai");
	}

	@Test
	void withoutRulesTheDefaultRouteIsTheInboxAndWebSocketAtOnce() {
		JsonNode result = test(this.org.user("carol"), "LOW", "GENERAL");
		assertThat(result.get("matchedRuleId").isNull()).isTrue();
		assertThat(result.get("rules").isEmpty()).isTrue();
		assertThat(result.get("action").toString()).isEqualTo(
				"{\"channels\":[\"WEBSOCKET\"],\"delay\":null,\"respectQuietHours\":true,\"retry\":{\"maxAttempts\":3,\"backoff\":\"PT30S\"}}");
	}

	static Stream<Arguments> invalidRules() {
		return Stream.of(Arguments.of(
				"{\"name\": \"x\", \"priority\": 1, \"colour\": \"red\", \"action\": {\"channels\": [\"SMS\"]}}",
				"colour"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"weekday\": 1}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.weekday"),
				Arguments.of("{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"], \"speed\": 1}}",
						"action.speed"),
				Arguments.of("{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\", \"FAX\"]}}",
						"action.channels[1]"),
				Arguments.of("{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": []}}", "action.channels"),
				Arguments.of("{\"name\": \"x\", \"priority\": 1, \"action\": {}}", "action.channels"),
				Arguments.of("{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\", \"SMS\"]}}",
						"action.channels"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"], \"delay\": \"-PT5M\"}}",
						"action.delay"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"], \"delay\": \"soon\"}}",
						"action.delay"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"], \"retry\": {\"maxAttempts\": 0, \"backoff\": \"PT1S\"}}}",
						"action.retry.maxAttempts"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"], \"retry\": {\"maxAttempts\": 3, \"backoff\": \"PT0S\"}}}",
						"action.retry.backoff"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"], \"retry\": {\"maxAttempts\": 3}}}",
						"action.retry.backoff"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"], \"retry\": {\"maxAttempts\": 3, \"backoff\": \"PT1S\", \"jitter\": true}}}",
						"action.retry.jitter"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"priority\": \"CRITICAL\"}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.priority"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"messageType\": \"SPAM\"}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.messageType"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"roles\": [\"KING\"]}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.roles[0]"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"groupIds\": [\"a\"]}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.groupIds[0]"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"groupIds\": [999999999]}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.groupIds[0]"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"timeWindow\": {\"start\": \"25:00\", \"end\": \"08:00\", \"zone\": \"UTC\"}}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.timeWindow.start"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"timeWindow\": {\"start\": \"22:00\", \"end\": \"08:00\", \"zone\": \"Mars/Olympus\"}}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.timeWindow.zone"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"timeWindow\": {\"start\": \"22:00\", \"end\": \"22:00\", \"zone\": \"UTC\"}}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.timeWindow.end"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"condition\": {\"timeWindow\": {\"start\": \"22:00\", \"zone\": \"UTC\"}}, \"action\": {\"channels\": [\"SMS\"]}}",
						"condition.timeWindow.end"),
				Arguments.of("{\"name\": \"\", \"priority\": 1, \"action\": {\"channels\": [\"SMS\"]}}", "name"),
				Arguments.of("{\"name\": \"x\", \"priority\": -1, \"action\": {\"channels\": [\"SMS\"]}}", "priority"),
				Arguments.of("{\"name\": \"x\", \"action\": {\"channels\": [\"SMS\"]}}", "priority"),
				Arguments.of(
						"{\"name\": \"x\", \"priority\": 1, \"enabled\": \"yes\", \"action\": {\"channels\": [\"SMS\"]}}",
						"enabled"),
				Arguments.of("{\"name\": \"x\", \"priority\": 1}", "action"));
	}

	@ParameterizedTest
	@MethodSource("invalidRules")
	void anInvalidRuleIsRejectedNamingTheField(String body, String field) {
		Response rejected = this.org.createRule(body);
		assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
		assertThat(rejected.contentType()).startsWith("application/problem+json");
		assertThat(rejected.json().get("errors").valueStream().map((error) -> error.get("field").asString()))
			.as(rejected.toString())
			.containsExactly(field);
		assertThat(this.api.get("/api/v1/message-routes", this.org.adminToken).json().isEmpty()).isTrue();
	}

	@Test
	void aBodyWithSeveralErrorsNamesEachField() {
		Response rejected = this.org.createRule("""
				{"priority": "high", "action": {"channels": ["PIGEON"], "delay": "-PT1S"}, "extra": 1}
				""");
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().get("errors").valueStream().map((error) -> error.get("field").asString()))
			.containsExactlyInAnyOrder("extra", "name", "priority", "action.channels[0]", "action.delay");
	}

	@Test
	void theTestEndpointValidatesItsFields() {
		Response rejected = this.api.post("/api/v1/message-routes/test", """
				{"messageType": "SYSTEM", "priority": "SOON", "colour": 1}
				""", this.org.adminToken);
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.json().get("errors").valueStream().map((error) -> error.get("field").asString()))
			.containsExactlyInAnyOrder("colour", "priority", "userId");
	}

	@Test
	void rulesAreTheOrganizationsOwn() {
		long id = this.org.rule(VALID);
		TestOrg other = new TestOrg(this.api, "Other routes");
		assertThat(this.api.get("/api/v1/message-routes/" + id, other.adminToken).status()).isEqualTo(404);
		assertThat(this.api.put("/api/v1/message-routes/" + id, VALID, other.adminToken).status()).isEqualTo(404);
		assertThat(this.api.delete("/api/v1/message-routes/" + id, other.adminToken).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/message-routes", other.adminToken).json().isEmpty()).isTrue();
		// the test endpoint does not reveal another organization's users
		Response foreign = this.api.post("/api/v1/message-routes/test",
				"{\"messageType\": \"SYSTEM\", \"priority\": \"NORMAL\", \"userId\": " + this.org.user("x").id() + "}",
				other.adminToken);
		assertThat(foreign.status()).isEqualTo(404);
		// only admins manage rules
		String buyer = this.org.token(this.org.user("buyer"));
		assertThat(this.api.get("/api/v1/message-routes", buyer).status()).isEqualTo(403);
		assertThat(this.api.post("/api/v1/message-routes", VALID, buyer).status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/message-routes/" + id, this.org.adminToken).status()).isEqualTo(200);
	}

	private JsonNode test(UserSummary user, String priority, String category) {
		Response result = this.api.post("/api/v1/message-routes/test", """
				{"messageType": "SYSTEM", "priority": "%s", "category": "%s", "userId": %d}
				""".formatted(priority, category, user.id()), this.org.adminToken);
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		return result.json();
	}

	private JsonNode testAt(UserSummary user, String time) {
		Response result = this.api.post("/api/v1/message-routes/test", """
				{"messageType": "SYSTEM", "priority": "NORMAL", "userId": %d, "time": "%s"}
				""".formatted(user.id(), time), this.org.adminToken);
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		return result.json();
	}

	private static List<String> reasons(JsonNode result) {
		return result.get("rules").valueStream().map((check) -> check.get("reason").asString()).toList();
	}

}
