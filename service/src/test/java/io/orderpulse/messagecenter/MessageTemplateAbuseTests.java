package io.orderpulse.messagecenter;

import java.util.Collections;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks of a hostile review on message templates, over HTTP: renderings that would
 * build strings larger than memory and templates that would overflow the parser's or the
 * renderer's stack. Each answers a 400 naming the limit, and the service keeps rendering
 * honest templates afterwards.
 */
@IntegrationTest
class MessageTemplateAbuseTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	TestApi api;

	@Autowired
	JdbcClient jdbc;

	TestOrg org;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Template abuse");
	}

	@AfterEach
	void theServiceStillRendersHonestTemplates() {
		long templateId = create("Honest", "Hello {name}", "{for s in l}{s}{if !loop.last}, {/if}{/for}");
		Response preview = preview(templateId, "{\"name\": \"Ann\", \"l\": [\"a\", \"b\"], \"sep\": \"-\"}");
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		assertThat(preview.json().get("title").asString()).isEqualTo("Hello Ann");
		assertThat(preview.json().get("content").asString()).isEqualTo("a, b");
		assertThat(this.api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
	}

	@Test
	void aJoinOverAHugeListIsRefusedNamingTheListLimit() {
		// the review's 179 KB preview: 45,000 items glued with a 90,000-character
		// separator would be a string of four billion characters
		long templateId = create("Join", "t", "{l|join(sep)}");
		Response preview = preview(templateId, "{\"l\": " + JSON.writeValueAsString(Collections.nCopies(45_000, 1))
				+ ", \"sep\": \"" + "x".repeat(90_000) + "\"}");
		assertInvalid(preview, "variables.l", "has 45000 items: a list may have at most 1000");
	}

	@Test
	void aJoinWithinTheListLimitStopsAtTheOutputLimit() {
		// 1,000 items glued with 60,000 characters: 60 million characters if built
		long templateId = create("Join", "t", "{l|join(sep)}");
		Response preview = preview(templateId, "{\"l\": " + JSON.writeValueAsString(Collections.nCopies(1000, 1))
				+ ", \"sep\": \"" + "x".repeat(60_000) + "\"}");
		assertThat(preview.status()).as(preview.toString()).isEqualTo(400);
		assertThat(preview.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:template-output-too-large");
		assertThat(preview.json().get("detail").asString()).contains("more than 65536 characters");
	}

	@Test
	void variablesLargerInAllThanTheLimitAreRefused() {
		long templateId = create("Big", "t", "{l|length} {sep|length}");
		Response preview = preview(templateId,
				"{\"l\": " + JSON.writeValueAsString(Collections.nCopies(1000, "y".repeat(100))) + ", \"sep\": \""
						+ "x".repeat(40_000) + "\"}");
		assertInvalid(preview, "variables", "at most 131072 characters of values in all");
	}

	@Test
	void rangesConcatenationAndRangeFunctionsAreRefused() {
		assertInvalid(createResponse("Range", "t", "{for i in 0..100000000}{i}{/for}"), "content",
				"'.' must be followed by a property name");
		assertInvalid(createResponse("Concat", "t", "{sep ~ sep ~ sep}"), "content", "unexpected '~'");
		assertInvalid(createResponse("RangeFn", "t", "{for i in range(0, 100000000)}{i}{/for}"), "content",
				"variable 'range' is not declared");
	}

	@Test
	void aLongQuotedTextIsRefusedWhenSavedAndPreviewed() {
		assertRefusedWhenSavedAndPreviewed("{if name == '" + "y".repeat(3000) + "'}a{/if}",
				"a quoted text may have at most 1000 characters");
		assertRefusedWhenSavedAndPreviewed("{l|join('" + "\\'".repeat(3000) + "')}",
				"a quoted text may have at most 1000 characters");
		assertRefusedWhenSavedAndPreviewed("{name:" + "'".repeat(3000) + "}",
				"a fallback text may have at most 1000 characters");
	}

	@Test
	void thousandsOfNotsAreRefusedWhenSavedAndPreviewed() {
		assertRefusedWhenSavedAndPreviewed("{if " + "!".repeat(5000) + "name}a{/if}",
				"an expression may have at most 64 operators");
		assertRefusedWhenSavedAndPreviewed("{if " + "not ".repeat(4000) + "name}a{/if}",
				"an expression may have at most 64 operators");
	}

	@Test
	void thousandsOfOrTermsAreRefusedWhenSavedAndPreviewed() {
		assertRefusedWhenSavedAndPreviewed("{if l" + " or l".repeat(3000) + "}a{/if}",
				"an expression may have at most 64 operators");
		assertRefusedWhenSavedAndPreviewed("{name" + "|upper".repeat(3000) + "}",
				"an expression may have at most 64 operators");
	}

	@Test
	void longWhitespaceRunsRenderWithoutOverflowingTheStack() {
		// blank lines are text, not syntax: they collapse to one blank line as always
		String content = "a" + "\n".repeat(12_000) + "b" + "\n \t".repeat(2_000) + "c";
		long templateId = create("Blank", "t", content);
		Response preview = preview(templateId, "{}");
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		assertThat(preview.json().get("content").asString()).isEqualTo("a\n\nb\n\n \tc");
		assertThat(preview(templateId, "{}").status()).isEqualTo(200);
	}

	/**
	 * Refused on create and on update with a 400 naming the limit; and a template stored
	 * before the limit existed (written to the table directly) is refused on preview.
	 */
	private void assertRefusedWhenSavedAndPreviewed(String content, String limit) {
		assertInvalid(createResponse("Attack", "t", content), "content", limit);
		long templateId = create("Victim", "t", "c");
		assertInvalid(this.api.put("/api/v1/message-templates/" + templateId, body("Victim", "t", content),
				this.org.adminToken), "content", limit);
		this.jdbc.sql("update message_templates set content = :content where id = :id")
			.param("content", content)
			.param("id", templateId)
			.update();
		assertInvalid(preview(templateId, "{\"name\": \"Ann\"}"), "content", limit);
		this.api.delete("/api/v1/message-templates/" + templateId, this.org.adminToken);
	}

	private long create(String name, String title, String content) {
		Response created = createResponse(name, title, content);
		assertThat(created.status()).as(shortened(created)).isEqualTo(201);
		return created.json().get("templateId").asLong();
	}

	private Response createResponse(String name, String title, String content) {
		return this.api.post("/api/v1/message-templates", body(name, title, content), this.org.adminToken);
	}

	private static String body(String name, String title, String content) {
		ObjectNode body = JSON.createObjectNode();
		body.put("name", name + " " + System.nanoTime());
		body.put("title", title);
		body.put("content", content);
		body.set("variables", JSON.readTree("""
				[{"name": "name", "type": "STRING"}, {"name": "l", "type": "LIST"},
				 {"name": "sep", "type": "STRING"}]
				"""));
		return body.toString();
	}

	private Response preview(long templateId, String variables) {
		return this.api.post("/api/v1/message-templates/" + templateId + "/preview",
				"{\"variables\": " + variables + "}", this.org.adminToken);
	}

	private static void assertInvalid(Response response, String field, String message) {
		assertThat(response.status()).as(shortened(response)).isEqualTo(400);
		JsonNode error = response.json()
			.path("errors")
			.valueStream()
			.filter((e) -> e.get("field").asString().equals(field))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error for " + field + " in " + shortened(response)));
		assertThat(error.get("message").asString()).contains(message);
	}

	private static String shortened(Response response) {
		String text = response.toString();
		return (text.length() > 500) ? text.substring(0, 500) + "..." : text;
	}

}
