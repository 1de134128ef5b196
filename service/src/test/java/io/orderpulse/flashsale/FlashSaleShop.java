package io.orderpulse.flashsale;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.Tenants;
import io.orderpulse.Tenants.Tenant;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.realtime.RawStompSocket;
import io.orderpulse.realtime.RawStompSocket.Frame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new organization with a shop, its admin and buyers, and the flash-sale calls tests
 * make over real HTTP. Built from the shared test context's beans.
 */
public final class FlashSaleShop {

	public static final String PROBLEM = "urn:orderpulse:problem:";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestApi api;

	private final UserAccounts accounts;

	private final Tenant tenant;

	private final String admin;

	public FlashSaleShop(ApplicationContext context, String name) {
		this.api = context.getBean(TestApi.class);
		this.accounts = context.getBean(UserAccounts.class);
		this.tenant = new Tenants(context).create(name);
		UserSummary adminUser = this.accounts
			.create(new NewUser(this.tenant.orgId(), "admin-" + Long.toString(System.nanoTime(), 36),
					"a-test-passphrase", "Admin", Set.of(Role.ADMIN), null));
		this.admin = this.api.tokenFor(adminUser);
	}

	public Tenant tenant() {
		return this.tenant;
	}

	/**
	 * An item on sale from a minute ago for an hour.
	 * @param pointsPrice its price in points, or null
	 */
	public long activeItem(String product, String price, String flashPrice, int stock, Long pointsPrice) {
		long productId = this.tenant.product(product, price, 10);
		Instant now = Instant.now();
		String points = (pointsPrice != null) ? ", \"pointsPrice\": " + pointsPrice : "";
		Response created = this.api.post("/api/v1/admin/flash-sales", """
				{"name": "Sale", "startTime": "%s", "endTime": "%s",
				 "items": [{"productId": %d, "flashPrice": %s, "stock": %d%s}]}
				""".formatted(now.minusSeconds(60), now.plusSeconds(3600), productId, flashPrice, stock, points),
				this.admin);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("items").get(0).get("itemId").asLong();
	}

	/**
	 * A new buyer of the organization.
	 */
	public UserSummary newBuyer() {
		return this.accounts.createBenchUsers(this.tenant.orgId(), "fb-" + Long.toString(System.nanoTime(), 36), 1)
			.get(0);
	}

	public Response attempt(String token, long itemId) {
		return this.api.send(this.api.request("/api/v1/flash-sales/" + itemId + "/attempts", token)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Buys one unit and waits for the order.
	 * @return the order's id
	 */
	public long buy(String token, long itemId) {
		Response accepted = attempt(token, itemId);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return awaitRequest(token, accepted.json().get("requestId").asString(), "COMPLETED").get("orderId").asLong();
	}

	public JsonNode awaitRequest(String token, String requestId, String status) {
		return awaitRequest(this.api, token, requestId, status);
	}

	/**
	 * Polls the order request until it has the status.
	 * @return its last state
	 */
	public static JsonNode awaitRequest(TestApi api, String token, String requestId, String status) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			last[0] = api.get("/api/v1/orders/requests/" + requestId, token).json();
			return last[0].has("status") && last[0].get("status").asString().equals(status);
		});
		return last[0];
	}

	public String orderStatus(String token, long orderId) {
		return this.api.get("/api/v1/orders/" + orderId, token).json().get("status").asString();
	}

	public void awaitOrderStatus(String token, long orderId, String status) {
		await().atMost(Duration.ofSeconds(20)).until(() -> orderStatus(token, orderId).equals(status));
	}

	public int remaining(long itemId) {
		for (JsonNode item : this.api.get("/api/v1/flash-sales", this.tenant.buyer()).json()) {
			if (item.get("itemId").asLong() == itemId) {
				return item.get("remaining").asInt();
			}
		}
		throw new AssertionError("item " + itemId + " not listed");
	}

	public void awaitRemaining(long itemId, int remaining) {
		await().atMost(Duration.ofSeconds(20)).until(() -> remaining(itemId) == remaining);
	}

	public static String type(Response response) {
		return response.json().get("type").asString();
	}

	/**
	 * The next pushed message whose field has the value (earlier ones are skipped).
	 */
	public static JsonNode next(RawStompSocket socket, String field, String value) throws InterruptedException {
		while (true) {
			Frame frame = socket.next();
			if (frame.command().equals("MESSAGE")) {
				JsonNode body = JSON.readTree(frame.body());
				if (body.path(field).asString("").equals(value)) {
					return body;
				}
			}
		}
	}

}
