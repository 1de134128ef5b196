package io.orderpulse.messagecenter;

import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.messagecenter.template.TemplateRendererTests;
import io.orderpulse.realtime.RawStompSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.orderpulse.TestOrg.next;
import static io.orderpulse.TestOrg.nextCount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message templates over HTTP: the seed's maintenance notice from creation to the
 * recipient's inbox, management, tenancy, validation of templates and variables, and each
 * limit of the sandbox.
 */
@IntegrationTest
class MessageTemplateTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String VARIABLES = """
			{
			  "userName": "张三",
			  "maintenanceDate": "2024-01-20T22:00:00+08:00",
			  "duration": 2,
			  "affectedServices": [
			    {"name": "订单服务", "description": "暂停下单"},
			    {"name": "支付服务", "description": "暂停支付"}
			  ],
			  "contactInfo": {"phone": "400-123-4567", "email": "ops@example.com"},
			  "currentDate": "2024-01-19"
			}
			""";

	static final String RENDERED = """
			尊敬的张三，

			系统将于2024年01月20日 22:00进行维护升级，
			预计耗时2小时。

			本次维护将影响以下服务：
			- 订单服务：暂停下单
			- 支付服务：暂停支付

			维护期间系统将暂停服务，请您提前做好相关准备。
			感谢您的理解与支持！

			如有疑问，请联系：400-123-4567 或 ops@example.com

			系统管理员
			2024-01-19""";

	@Autowired
	TestApi api;

	TestOrg org;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Templates");
	}

	@Test
	void theSeedsMaintenanceNoticeIsPreviewedAndSentToTheRecipientsInbox() throws Exception {
		long templateId = createMaintenance("系统维护通知模板");

		Response preview = this.api.post("/api/v1/message-templates/" + templateId + "/preview",
				"{\"variables\": " + VARIABLES + "}", this.org.adminToken);
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		assertThat(preview.json().get("title").asString()).isEqualTo("系统维护通知 - 01月20日");
		assertThat(preview.json().get("content").asString()).isEqualTo(RENDERED);

		UserSummary alice = this.org.user("alice");
		try (RawStompSocket socket = this.org.socket(alice)) {
			Response sent = this.api.post("/api/v1/message-templates/" + templateId + "/send", """
					{"receiverId": %d, "variables": %s, "metadata": {"actionUrl": "/maintenance/schedule"}}
					""".formatted(alice.id(), VARIABLES), this.org.adminToken);
			assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
			assertThat(sent.json().get("receiverType").asString()).isEqualTo("USER");
			JsonNode pushed = next(socket);
			assertThat(pushed.get("type").asString()).isEqualTo("MESSAGE");
			JsonNode data = pushed.get("data");
			assertThat(data.get("title").asString()).isEqualTo("系统维护通知 - 01月20日");
			assertThat(data.get("content").asString()).isEqualTo(RENDERED);
			assertThat(data.get("messageType").asString()).isEqualTo("SYSTEM");
			assertThat(data.get("priority").asString()).isEqualTo("HIGH");
			assertThat(data.get("category").asString()).isEqualTo("MAINTENANCE");
			assertThat(data.get("metadata").get("actionUrl").asString()).isEqualTo("/maintenance/schedule");
			assertThat(data.get("metadata").get("customData").get("templateId").asLong()).isEqualTo(templateId);
			assertThat(nextCount(socket)).isEqualTo(1);
		}
		Response inbox = this.api.get("/api/v1/messages", this.org.token(alice));
		assertThat(inbox.json().get("items").get(0).get("content").asString()).isEqualTo(RENDERED);
	}

	@Test
	void sendsToAGroupAndToTheOrganizationWithOverrides() {
		UserSummary member = this.org.user("member");
		UserSummary other = this.org.user("other");
		long groupId = this.org.group("Night shift", member);
		long templateId = create("""
				{"name": "Shift", "title": "Shift {day:today}", "content": "Hello {team}",
				 "variables": [{"name": "team", "type": "STRING", "required": true},
				               {"name": "day", "type": "STRING"}]}
				""");

		Response toGroup = this.api.post("/api/v1/message-templates/" + templateId + "/send", """
				{"receiverType": "USER_GROUP", "receiverId": %d, "variables": {"team": "night"},
				 "priority": "URGENT", "category": "OPS"}
				""".formatted(groupId), this.org.adminToken);
		assertThat(toGroup.status()).as(toGroup.toString()).isEqualTo(200);
		assertThat(toGroup.json().get("recipientCount").asLong()).isEqualTo(1);
		JsonNode received = this.api.get("/api/v1/messages", this.org.token(member)).json().get("items").get(0);
		assertThat(received.get("title").asString()).isEqualTo("Shift today");
		assertThat(received.get("content").asString()).isEqualTo("Hello night");
		assertThat(received.get("priority").asString()).isEqualTo("URGENT");
		assertThat(received.get("category").asString()).isEqualTo("OPS");
		assertThat(this.org.unread(this.org.token(other))).isZero();

		Response toAll = this.api.post("/api/v1/message-templates/" + templateId + "/send",
				"{\"scope\": \"ORGANIZATION\", \"variables\": {\"team\": \"all\", \"day\": \"Monday\"}}",
				this.org.adminToken);
		assertThat(toAll.status()).as(toAll.toString()).isEqualTo(200);
		assertThat(toAll.json().get("receiverType").asString()).isEqualTo("BROADCAST");
		assertThat(this.api.get("/api/v1/messages", this.org.token(other))
			.json()
			.get("items")
			.get(0)
			.get("title")
			.asString()).isEqualTo("Shift Monday");
	}

	@Test
	void templatesAreCreatedListedUpdatedAndDeleted() {
		long first = create("""
				{"name": "Welcome", "category": "ONBOARDING", "title": "Welcome", "content": "Hi {name}",
				 "variables": [{"name": "name", "type": "STRING", "required": true, "description": "who"}]}
				""");
		long second = create("""
				{"name": "Alert", "category": "OPS", "messageType": "ALERT", "priority": "URGENT", "title": "Alert",
				 "content": "Down", "enabled": false}
				""");

		Response one = this.api.get("/api/v1/message-templates/" + first, this.org.adminToken);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().get("name").asString()).isEqualTo("Welcome");
		assertThat(one.json().get("messageType").asString()).isEqualTo("SYSTEM");
		assertThat(one.json().get("priority").asString()).isEqualTo("NORMAL");
		assertThat(one.json().get("enabled").asBoolean()).isTrue();
		assertThat(one.json().get("orgId").asLong()).isEqualTo(this.org.orgId());
		assertThat(one.json().get("variables").get(0).get("description").asString()).isEqualTo("who");
		assertThat(one.json().get("variables").get(0).get("required").asBoolean()).isTrue();

		assertThat(templateIds("")).containsExactly(second, first);
		assertThat(templateIds("?category=OPS")).containsExactly(second);
		assertThat(templateIds("?enabled=true")).containsExactly(first);
		Response paged = this.api.get("/api/v1/message-templates?size=1&page=2", this.org.adminToken);
		assertThat(paged.json().get("totalItems").asLong()).isEqualTo(2);
		assertThat(paged.json().get("totalPages").asLong()).isEqualTo(2);
		assertThat(paged.json().get("items").get(0).get("templateId").asLong()).isEqualTo(first);

		Response taken = this.api.post("/api/v1/message-templates",
				"{\"name\": \"Welcome\", \"title\": \"t\", \"content\": \"c\"}", this.org.adminToken);
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:template-name-taken");

		Response disabled = this.api.post("/api/v1/message-templates/" + second + "/send",
				"{\"receiverId\": " + this.org.admin.id() + "}", this.org.adminToken);
		assertThat(disabled.status()).isEqualTo(409);
		assertThat(disabled.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:template-disabled");

		Response updated = this.api.put("/api/v1/message-templates/" + first,
				"{\"name\": \"Welcome 2\", \"title\": \"Welcome\", \"content\": \"Hello {name:friend}\", "
						+ "\"variables\": [{\"name\": \"name\", \"type\": \"STRING\"}]}",
				this.org.adminToken);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.json().get("name").asString()).isEqualTo("Welcome 2");
		assertThat(preview(first, "{}").json().get("content").asString()).isEqualTo("Hello friend");

		assertThat(this.api.delete("/api/v1/message-templates/" + first, this.org.adminToken).status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/message-templates/" + first, this.org.adminToken).status()).isEqualTo(404);
		assertThat(templateIds("")).containsExactly(second);
	}

	@Test
	void anotherOrganizationsTemplatesAreNotFoundAndOnlyAdminsMayUseTemplates() {
		long templateId = createMaintenance("Ours");
		TestOrg theirs = new TestOrg(this.api, "Other templates");
		String path = "/api/v1/message-templates/" + templateId;

		assertThat(this.api.get(path, theirs.adminToken).status()).isEqualTo(404);
		assertThat(this.api.get(path, theirs.adminToken).json().get("type").asString())
			.isEqualTo("urn:orderpulse:problem:template-not-found");
		assertThat(this.api.put(path, "{\"name\": \"Mine\", \"title\": \"t\", \"content\": \"c\"}", theirs.adminToken)
			.status()).isEqualTo(404);
		assertThat(this.api.post(path + "/preview", "{\"variables\": " + VARIABLES + "}", theirs.adminToken).status())
			.isEqualTo(404);
		assertThat(this.api
			.post(path + "/send", "{\"receiverId\": " + theirs.admin.id() + ", \"variables\": " + VARIABLES + "}",
					theirs.adminToken)
			.status()).isEqualTo(404);
		assertThat(this.api.delete(path, theirs.adminToken).status()).isEqualTo(404);
		assertThat(this.api.get("/api/v1/message-templates", theirs.adminToken).json().get("totalItems").asLong())
			.isZero();
		// still there for its own organization
		assertThat(this.api.get(path, this.org.adminToken).status()).isEqualTo(200);

		String buyer = this.org.token(this.org.user("buyer"));
		assertThat(this.api.get("/api/v1/message-templates", buyer).status()).isEqualTo(403);
		assertThat(this.api.get(path, buyer).status()).isEqualTo(403);
		assertThat(this.api.post(path + "/preview", "{}", buyer).status()).isEqualTo(403);
		assertThat(this.api
			.post("/api/v1/message-templates", "{\"name\": \"x\", \"title\": \"t\", \"content\": \"c\"}", buyer)
			.status()).isEqualTo(403);
	}

	@Test
	void missingRequiredAndMistypedVariablesAreNamed() {
		long templateId = createMaintenance("Variables");

		Response missing = preview(templateId, "{\"duration\": 2, \"maintenanceDate\": \"2024-01-20T22:00:00Z\"}");
		assertInvalid(missing, "variables.userName", "is required");

		ObjectNode wrong = (ObjectNode) JSON.readTree(VARIABLES);
		wrong.put("duration", "two");
		assertInvalid(preview(templateId, wrong.toString()), "variables.duration", "must be a number");
		wrong = (ObjectNode) JSON.readTree(VARIABLES);
		wrong.put("maintenanceDate", "tonight");
		assertInvalid(preview(templateId, wrong.toString()), "variables.maintenanceDate", "must be a date-time");
		wrong = (ObjectNode) JSON.readTree(VARIABLES);
		wrong.put("affectedServices", "orders");
		assertInvalid(preview(templateId, wrong.toString()), "variables.affectedServices", "must be a list");
		wrong = (ObjectNode) JSON.readTree(VARIABLES);
		wrong.put("contactInfo", 5);
		assertInvalid(preview(templateId, wrong.toString()), "variables.contactInfo", "must be an object");
		wrong = (ObjectNode) JSON.readTree(VARIABLES);
		wrong.put("currentDate", "2024-13-45");
		assertInvalid(preview(templateId, wrong.toString()), "variables.currentDate", "must be a date");
		wrong = (ObjectNode) JSON.readTree(VARIABLES);
		wrong.put("surprise", true);
		assertInvalid(preview(templateId, wrong.toString()), "variables.surprise", "not a variable of this template");

		long typed = create("""
				{"name": "Typed", "title": "{flag}", "content": "{email} {phone} {url}",
				 "variables": [{"name": "flag", "type": "BOOLEAN", "required": true},
				               {"name": "email", "type": "EMAIL", "required": true},
				               {"name": "phone", "type": "PHONE", "defaultValue": "+86 400-123-4567"},
				               {"name": "url", "type": "URL", "defaultValue": "/help"}]}
				""");
		assertInvalid(preview(typed, "{\"flag\": \"yes\", \"email\": \"a@example.com\"}"), "variables.flag",
				"true or false");
		assertInvalid(preview(typed, "{\"flag\": true, \"email\": \"nobody\"}"), "variables.email", "e-mail");
		assertInvalid(
				preview(typed, "{\"flag\": true, \"email\": \"a@example.com\", \"url\": \"javascript:alert(1)\"}"),
				"variables.url", "http(s) URL");
		Response ok = preview(typed, "{\"flag\": true, \"email\": \"a@example.com\"}");
		assertThat(ok.json().get("title").asString()).isEqualTo("true");
		assertThat(ok.json().get("content").asString()).isEqualTo("a@example.com +86 400-123-4567 /help");

		// a required variable missing when sending is refused the same way, and
		// nothing is sent
		UserSummary bob = this.org.user("bob");
		Response send = this.api.post("/api/v1/message-templates/" + templateId + "/send",
				"{\"receiverId\": " + bob.id() + ", \"variables\": {}}", this.org.adminToken);
		assertThat(send.status()).isEqualTo(400);
		assertThat(this.org.unread(this.org.token(bob))).isZero();
	}

	@Test
	void badTemplatesAreRefusedNamingTheFieldAndPosition() {
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "t", "content": "Hello\\n{if vip}VIP"}
				"""), "content", "line 2, column 1: variable 'vip' is not declared");
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "t", "content": "{if vip}VIP",
				 "variables": [{"name": "vip", "type": "BOOLEAN"}]}
				"""), "content", "{if} is never closed");
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "{name.getClass()}", "content": "c",
				 "variables": [{"name": "name", "type": "STRING"}]}
				"""), "title", "calls are not allowed");
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "t", "content": "{% include 'application.yml' %}"}
				"""), "content", "unexpected '%'");
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "t", "content": "c",
				 "variables": [{"name": "n", "type": "NUMBER", "defaultValue": "ten"}]}
				"""), "variables[0].defaultValue", "must be a number");
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "t", "content": "c",
				 "variables": [{"name": "n", "type": "NUMBER"}, {"name": "n", "type": "STRING"}]}
				"""), "variables[1].name", "declared twice");
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "t", "content": "c", "variables": [{"name": "1x", "type": "STRING"}]}
				"""), "variables[0].name", "must be a letter");
		assertInvalid(createResponse("""
				{"name": "Bad", "title": "t", "content": "c", "variables": [{"name": "x", "type": "COLOUR"}]}
				"""), null, null);
		assertInvalid(createResponse("{\"name\": \"\", \"title\": \"\", \"content\": \"c\"}"), "title", null);
		String tooMany = java.util.stream.IntStream.rangeClosed(1, 51)
			.mapToObj((i) -> "{\"name\": \"v" + i + "\", \"type\": \"STRING\"}")
			.collect(java.util.stream.Collectors.joining(", ", "[", "]"));
		assertInvalid(
				createResponse(
						"{\"name\": \"Many\", \"title\": \"t\", \"content\": \"c\", \"variables\": " + tooMany + "}"),
				"variables", "at most 50 variables");
	}

	@Test
	void aTemplateLongerThanTheLimitIsRefused() {
		String content = "x".repeat(20_001);
		assertInvalid(createResponse("{\"name\": \"Long\", \"title\": \"t\", \"content\": \"" + content + "\"}"),
				"content", "must be at most 20000 characters (it has 20001)");
		assertThat(
				createResponse("{\"name\": \"Long\", \"title\": \"t\", \"content\": \"" + content.substring(1) + "\"}")
					.status())
			.isEqualTo(201);
	}

	@Test
	void aRenderingThatLoopsTooLongIsStoppedWithAProblem() {
		long templateId = create("""
				{"name": "Busy", "title": "t", "content": "{for a in l}{for b in l}{for c in l}{/for}{/for}{/for}",
				 "variables": [{"name": "l", "type": "LIST", "required": true}]}
				""");
		String thousand = JSON.writeValueAsString(java.util.stream.IntStream.range(0, 1000).boxed().toList());
		long start = System.nanoTime();
		Response busy = preview(templateId, "{\"l\": " + thousand + "}");
		assertThat(busy.status()).as(busy.toString()).isEqualTo(400);
		assertThat(busy.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:template-render-timeout");
		assertThat(busy.json().get("detail").asString()).contains("longer than 500 ms");
		assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
	}

	@Test
	void aRenderingThatWritesTooMuchIsStoppedWithAProblem() {
		long templateId = create("""
				{"name": "Loud", "title": "t", "content": "{for a in l}{for b in l}{b}{/for}{/for}",
				 "variables": [{"name": "l", "type": "LIST", "required": true}]}
				""");
		String items = JSON.writeValueAsString(java.util.Collections.nCopies(300, "0123456789"));
		Response loud = preview(templateId, "{\"l\": " + items + "}");
		assertThat(loud.status()).as(loud.toString()).isEqualTo(400);
		assertThat(loud.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:template-output-too-large");
		assertThat(loud.json().get("detail").asString()).contains("more than 65536 characters");

		// within the output limit but over a message's 10,000 characters: previewed,
		// not sent
		Response preview = preview(templateId,
				"{\"l\": " + JSON.writeValueAsString(java.util.Collections.nCopies(40, "0123456789")) + "}");
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.json().get("content").asString()).hasSize(16_000);
		Response send = this.api
			.post("/api/v1/message-templates/" + templateId + "/send",
					"{\"receiverId\": %d, \"variables\": {\"l\": %s}}".formatted(this.org.admin.id(),
							JSON.writeValueAsString(java.util.Collections.nCopies(40, "0123456789"))),
					this.org.adminToken);
		assertInvalid(send, "content", "the rendered content must be 1-10000 characters (it has 16000)");
	}

	private long createMaintenance(String name) {
		ObjectNode body = JSON.createObjectNode();
		body.put("name", name);
		body.put("category", "MAINTENANCE");
		body.put("messageType", "SYSTEM");
		body.put("priority", "HIGH");
		body.put("title", TemplateRendererTests.MAINTENANCE_TITLE);
		body.put("content", TemplateRendererTests.MAINTENANCE_CONTENT);
		body.set("variables", JSON.readTree("""
				[{"name": "userName", "type": "STRING", "required": true, "description": "用户姓名"},
				 {"name": "maintenanceDate", "type": "DATETIME", "required": true},
				 {"name": "duration", "type": "NUMBER", "required": true, "description": "维护持续时间(小时)"},
				 {"name": "affectedServices", "type": "LIST"},
				 {"name": "contactInfo", "type": "OBJECT"},
				 {"name": "currentDate", "type": "DATE"}]
				"""));
		return create(body.toString());
	}

	private long create(String json) {
		Response created = createResponse(json);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("templateId").asLong();
	}

	private Response createResponse(String json) {
		return this.api.post("/api/v1/message-templates", json, this.org.adminToken);
	}

	private Response preview(long templateId, String variables) {
		return this.api.post("/api/v1/message-templates/" + templateId + "/preview",
				"{\"variables\": " + variables + "}", this.org.adminToken);
	}

	private List<Long> templateIds(String query) {
		Response page = this.api.get("/api/v1/message-templates" + query, this.org.adminToken);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page.json().get("items").valueStream().map((item) -> item.get("templateId").asLong()).toList();
	}

	private static void assertInvalid(Response response, String field, String message) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		if (field == null) {
			return;
		}
		assertThat(response.json().get("detail").asString()).contains(field);
		JsonNode error = response.json()
			.get("errors")
			.valueStream()
			.filter((e) -> e.get("field").asString().equals(field))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error for " + field + " in " + response));
		if (message != null) {
			assertThat(error.get("message").asString()).contains(message);
		}
	}

}
