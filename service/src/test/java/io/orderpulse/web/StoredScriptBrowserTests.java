package io.orderpulse.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.SelectOption;
import io.orderpulse.Browser;
import io.orderpulse.BrowserTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.payment.Points;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A hostile merchant and admin plant attribute- and element-breaking markup in every text
 * the pages show (product names and descriptions, shop, display names, group names,
 * template names, descriptions and texts, message titles, contents and categories,
 * routing rule names, flash-sale names, preference categories, rejection reasons), all
 * through the real API; the buyer, the merchant and the admin then use every page. No
 * planted script runs, no planted element appears, each text shows as typed, and the
 * browser reports no Content-Security-Policy violation (an inline script or handler left
 * in a page would be one).
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredScriptBrowserTests {

	/**
	 * Breaks out of a double- or single-quoted attribute, and out of a script element.
	 */
	static final String PAYLOAD = "\"><img src=x onerror=__xss=1>'><svg onload=__xss=1></script><script>__xss=1</script>";

	/** For display names (at most 64 characters). */
	static final String SHORT = "\"><img src=x onerror=__xss=1>'><svg onload=__xss=1>";

	/** For categories (at most 50 characters; preference categories are upper-cased). */
	static final String TINY = "'><svg onload=__xss=1>";

	private static final String PASSWORD = "Planted-Markup-Review-7341";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Whether a planted script ran (either case: some texts are upper-cased), how many
	 * elements no page has of its own appeared, and the CSP violations seen.
	 */
	@Autowired
	TestApi api;

	@Autowired
	Points points;

	private Browser browser;

	private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

	private @Nullable String rejectionReason;

	@BeforeAll
	void launchBrowser() throws Exception {
		this.browser = Browser.launch();
	}

	@AfterAll
	void closeBrowser() throws Exception {
		Browser.closeAll(this.browser);
	}

	@Test
	void markupPlantedInEveryTextNeverRunsOnAnyPage() {
		String unique = Long.toString(System.nanoTime(), 36);
		UserSummary root = this.api.createUser("Planted " + unique, "root", Role.ADMIN);
		String rootToken = this.api.tokenFor(root);
		long shopId = ok(this.api.post("/api/v1/admin/shops", json(Map.of("name", "Shop " + PAYLOAD)), rootToken))
			.get("shopId")
			.asLong();
		String adminName = "</script><script>__xss=1</script>'><svg onload=__xss=1>";
		UserSummary admin = user(rootToken, "xa-" + unique, adminName, "ADMIN", null);
		UserSummary merchant = user(rootToken, "xm-" + unique, SHORT, "MERCHANT", shopId);
		UserSummary buyer = user(rootToken, "xb-" + unique, SHORT, "BUYER", null);
		String adminToken = this.api.tokenFor(admin);
		String buyerToken = this.api.tokenFor(buyer);

		String product = "Tofu " + PAYLOAD;
		long productId = ok(this.api.post("/api/v1/merchant/products",
				json(Map.of("name", product, "description", PAYLOAD, "price", 9.5, "stock", 5)),
				this.api.tokenFor(merchant)))
			.get("id")
			.asLong();
		String group = "Group " + PAYLOAD;
		long groupId = ok(
				this.api.post("/api/v1/groups", json(Map.of("name", group, "description", PAYLOAD)), adminToken))
			.get("id")
			.asLong();
		ok(this.api.post("/api/v1/groups/" + groupId + "/members/" + buyer.id(), null, adminToken));
		String template = "Template " + PAYLOAD;
		ok(this.api.post("/api/v1/message-templates",
				json(Map.of("name", template, "description", PAYLOAD, "category", TINY, "title",
						"Title " + PAYLOAD + " {who}", "content", "Text " + PAYLOAD + " {who}", "variables",
						List.of(Map.of("name", "who", "type", "STRING", "required", false, "description", PAYLOAD)))),
				adminToken));
		String rule = "Rule " + PAYLOAD;
		ok(this.api.post(
				"/api/v1/message-routes", json(Map.of("name", rule, "priority", 5, "enabled", true, "condition",
						Map.of("category", TINY), "action", Map.of("channels", List.of("WEBSOCKET"),
								"respectQuietHours", true, "retry", Map.of("maxAttempts", 3, "backoff", "PT30S")))),
				adminToken));
		String title = "Message " + PAYLOAD;
		ok(this.api.post("/api/v1/messages/send", json(Map.of("receiverId", buyer.id(), "messageType", "SYSTEM",
				"priority", "HIGH", "title", title, "content", "Content " + PAYLOAD, "category", TINY)), adminToken));
		ok(this.api.put("/api/v1/users/me/notification-preferences",
				json(Map.of("channels", Map.of(), "categories", Map.of(TINY, Map.of("EMAIL", false)))), buyerToken));
		String sale = "Sale " + PAYLOAD;
		Instant now = Instant.now();
		long itemId = ok(this.api.post("/api/v1/admin/flash-sales",
				json(Map.of("name", sale, "startTime", now.minusSeconds(60).toString(), "endTime",
						now.plusSeconds(3600).toString(), "items",
						List.of(Map.of("productId", productId, "flashPrice", 3.0, "stock", 1, "pointsPrice", 10)))),
				adminToken))
			.get("items")
			.get(0)
			.get("itemId")
			.asLong();
		this.points.grant(buyer.id(), buyer.orgId(), 100, "planted-" + unique, "for the flash sale");

		// the landing page shows the buyer's name
		Page landing = open(buyer, "/", false);
		assertThat(landing.locator("#display-name")).hasText(SHORT);
		PlantedMarkup.assertClean(landing);

		// the shop: the product's name as a cell and as its quantity field's name; an
		// order of more than the stock fails with a message that names the product
		Page shop = open(buyer, "/shop.html", true);
		assertThat(shop.locator("#who")).hasText(SHORT);
		assertThat(shop.locator("#products tbody td").first()).hasText(product);
		PlantedMarkup.assertClean(shop);
		shop.getByLabel("Quantity of " + product).fill("9");
		shop.locator("#place-order").click();
		assertThat(shop.locator("#toasts")).containsText(PAYLOAD);
		PlantedMarkup.assertClean(shop);

		// the flash sale: product and sale names; the buyer buys and pays with points
		Page flash = open(buyer, "/flashsale.html", true);
		Locator item = flash.locator("#items tr[data-item=\"" + itemId + "\"]");
		assertThat(item.locator(".name")).hasText(product);
		assertThat(item.locator(".session")).hasText(sale);
		button(item, "Buy " + product).click();
		assertThat(item.locator(".result")).containsText("Success: order");
		button(item, "Pay with points").click();
		assertThat(item.locator(".result")).containsText("Paid");
		PlantedMarkup.assertClean(flash);

		// the merchant's console lists the order's product and rejects it with a reason
		// that reaches the buyer's pages
		Page console = open(merchant, "/merchant.html", true);
		Locator order = console.locator("#orders tbody tr").first();
		assertThat(order.locator(".items")).hasText("1 × " + product);
		this.rejectionReason = "Out of stock " + PAYLOAD;
		button(order, "Reject").click();
		assertThat(order.locator(".status")).hasText("CANCELLED");
		assertThat(item.locator(".result")).containsText(this.rejectionReason);
		assertThat(shop.locator("#toasts")).containsText(this.rejectionReason);
		PlantedMarkup.assertClean(console);
		PlantedMarkup.assertClean(flash);
		PlantedMarkup.assertClean(shop);

		// the inbox: title, content, sender, category, a live message's notice, and the
		// preference categories
		Page inbox = open(buyer, "/inbox.html", true);
		Locator message = inbox.locator("#messages .message").first();
		assertThat(message.locator(".title")).hasText(title);
		message.locator(".title").click();
		assertThat(message.locator(".content")).hasText("Content " + PAYLOAD);
		assertThat(message.locator(".meta")).containsText(TINY + " · " + adminName);
		assertThat(inbox.locator("#pref-table tbody tr").nth(1).locator("td").first()).hasText(TINY.toUpperCase());
		ok(this.api.post("/api/v1/messages/send-to-group", json(Map.of("groupType", "USER_GROUP", "groupId", groupId,
				"messageType", "SYSTEM", "title", "Live " + PAYLOAD, "content", PAYLOAD)), adminToken));
		assertThat(inbox.locator("#toasts")).containsText("Live " + PAYLOAD);
		assertThat(message.locator(".title")).hasText("Live " + PAYLOAD);
		PlantedMarkup.assertClean(inbox);

		// the admin's message page: groups, templates (list, compose with a preview,
		// edit form), statistics, routing rules and the rule test
		Page messages = open(admin, "/messages-admin.html", false);
		assertThat(messages.locator("#who")).hasText(adminName);
		assertThat(messages.locator("#receiver-group option").first()).hasText(group + " (1)");
		assertThat(messages.locator("#templates tbody tr td").first()).hasText(template);
		messages.locator("#template").selectOption(new SelectOption().setLabel(template));
		assertThat(messages.locator("label[for=var-who]")).containsText(PAYLOAD);
		messages.locator("#var-who").fill(PAYLOAD);
		assertThat(messages.locator("#template-preview-title")).hasText("Title " + PAYLOAD + " " + PAYLOAD);
		assertThat(messages.locator("#template-preview-content")).hasText("Text " + PAYLOAD + " " + PAYLOAD);
		button(messages.locator("#templates"), "Edit " + template).click();
		assertThat(messages.locator("#template-form-title")).hasText("Edit " + template);
		assertThat(messages.locator("#tpl-name")).hasValue(template);
		assertThat(messages.locator("#stats-summary")).containsText("2 messages");
		Locator route = messages.locator("#routes tbody tr").first();
		assertThat(route).containsText(rule);
		assertThat(route).containsText("category " + TINY);
		messages.locator("#test-category").fill(TINY);
		messages.locator("#test-user").fill(Long.toString(buyer.id()));
		messages.locator("#route-test").click();
		assertThat(messages.locator("#route-test-result")).containsText("Matches: " + rule);
		assertThat(messages.locator("#route-test-checks li").first()).hasText(rule + ": matched");
		PlantedMarkup.assertClean(messages);

		// the API docs run their own scripts from files under the same policy
		Page docs = this.browser.newPage();
		watch(docs);
		docs.navigate(this.api.uri("/swagger-ui/index.html").toString());
		docs.waitForLoadState(LoadState.NETWORKIDLE);
		PlantedMarkup.assertNoViolations(docs);
		assertThat(docs.locator(".swagger-ui .info .title")).containsText("OrderPulse",
				new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
		assertThat(docs.locator(".opblock-tag").first()).isVisible();
		PlantedMarkup.assertNoViolations(docs);

		Assertions.assertThat(this.problems).as("console errors, page errors and dialogs").isEmpty();
	}

	private UserSummary user(String token, String username, String displayName, String role, @Nullable Long shopId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", username);
		body.put("password", PASSWORD);
		body.put("displayName", displayName);
		body.put("roles", List.of(role));
		if (shopId != null) {
			body.put("shopId", shopId);
		}
		ok(this.api.post("/api/v1/admin/users", json(body), token));
		return this.api.user(username);
	}

	/** A tab signed in as the user on the landing page, then on the page. */
	private Page open(UserSummary user, String path, boolean socket) {
		Page tab = this.browser.newPage();
		watch(tab);
		tab.navigate(this.api.uri("/").toString());
		tab.getByLabel("Username").fill(user.username());
		tab.getByLabel("Password").fill(PASSWORD);
		tab.locator("#login-button").click();
		assertThat(tab.locator("#user-panel")).isVisible();
		if (!path.equals("/")) {
			tab.navigate(this.api.uri(path).toString());
		}
		if (socket) {
			assertThat(tab.locator("#connection")).hasText("live");
		}
		return tab;
	}

	/**
	 * Records CSP violations in the page (the listener is installed by the browser's
	 * debugger, not by the page, so the policy does not apply to it), console errors,
	 * uncaught errors and dialogs other than the merchant's prompt for a reason.
	 */
	private void watch(Page tab) {
		PlantedMarkup.watch(tab, this.problems);
		tab.onDialog((dialog) -> {
			if (dialog.type().equals("prompt") && this.rejectionReason != null) {
				dialog.accept(this.rejectionReason);
			}
			else {
				this.problems.add(tab.url() + " dialog " + dialog.type() + ": " + dialog.message());
				dialog.dismiss();
			}
		});
	}

	private static Locator button(Locator scope, String name) {
		return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private static JsonNode ok(Response response) {
		Assertions.assertThat(response.status()).as(response.toString()).isBetween(200, 299);
		return response.body().isEmpty() ? JSON.nullNode() : response.json();
	}

}
