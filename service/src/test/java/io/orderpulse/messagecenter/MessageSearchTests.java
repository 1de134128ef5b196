package io.orderpulse.messagecenter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searching the caller's messages: a Chinese word inside a sentence, English words in any
 * case, ranking, filters, only the caller's own messages, and bad queries.
 */
@IntegrationTest
class MessageSearchTests {

	@Autowired
	TestApi api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Inbox inbox;

	TestOrg org;

	UserSummary alice;

	String token;

	@BeforeEach
	void newOrganization() {
		this.org = new TestOrg(this.api, "Search");
		this.alice = this.org.user("alice");
		this.token = this.org.token(this.alice);
	}

	private long send(UserSummary user, String title, String content, String category) {
		Response sent = this.org.sendToUser(user, """
				"messageType": "SYSTEM", "title": "%s", "content": "%s", "category": "%s"
				""".formatted(title, content, category));
		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		return sent.json().get("messageId").asLong();
	}

	private Response search(String token, String query) {
		return this.api.get("/api/v1/messages/search?" + query, token);
	}

	private List<Long> found(String token, String query) {
		Response page = search(token, query);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page.json().get("items").valueStream().map((item) -> item.get("messageId").asLong()).toList();
	}

	private static String q(String text) {
		return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Test
	void findsATwoCharacterChineseWordInsideASentence() {
		long notice = send(this.alice, "系统维护通知", "系统将于今晚22:00-24:00进行升级", "MAINTENANCE");
		long inContent = send(this.alice, "今晚停机", "数据库维护期间暂停服务", "MAINTENANCE");
		send(this.alice, "订单已发货", "您的订单已经发货", "ORDER");

		assertThat(found(this.token, q("维护"))).containsExactly(notice, inContent);
		assertThat(found(this.token, q("维护通知"))).containsExactly(notice);
		assertThat(found(this.token, q("通知维护"))).as("all bigrams present, not as a substring").isEmpty();
		assertThat(found(this.token, q("发货"))).hasSize(1);
		Response page = search(this.token, q("维护") + "&category=MAINTENANCE&startDate=2024-01-01");
		assertThat(page.json().get("totalItems").asLong()).isEqualTo(2);
		assertThat(page.json().get("unreadCount").asLong()).isEqualTo(3);
		assertThat(found(this.token, q("维护") + "&category=ORDER")).isEmpty();
		assertThat(found(this.token, q("维护") + "&startDate=2999-01-01")).isEmpty();
	}

	@Test
	void findsEnglishWordsIgnoringCase() {
		long window = send(this.alice, "Scheduled Maintenance", "Save your work before the window.", "MAINTENANCE");
		long other = send(this.alice, "Invoice ready", "Your invoice for March is ready.", "BILLING");

		assertThat(found(this.token, q("maintenance"))).containsExactly(window);
		assertThat(found(this.token, q("MAINTENANCE"))).containsExactly(window);
		assertThat(found(this.token, q("  save   your  "))).as("white space trimmed and collapsed")
			.containsExactly(window);
		assertThat(found(this.token, q("invoice"))).containsExactly(other);
		assertThat(found(this.token, q("nothing like this"))).isEmpty();
	}

	@Test
	void ranksTitleMatchesFirstThenMoreOccurrencesThenNewest() {
		long contentOnceOld = send(this.alice, "Notice", "A deploy tonight.", "OPS");
		long contentTwice = send(this.alice, "Notice", "Deploy, then deploy again.", "OPS");
		long contentOnceNew = send(this.alice, "Notice", "Another deploy.", "OPS");
		long title = send(this.alice, "Deploy finished", "All good.", "OPS");

		assertThat(found(this.token, q("deploy"))).containsExactly(title, contentTwice, contentOnceNew, contentOnceOld);
		Response second = search(this.token, q("deploy") + "&page=2&size=3");
		assertThat(second.json().get("totalItems").asLong()).isEqualTo(4);
		assertThat(second.json().get("totalPages").asLong()).isEqualTo(2);
		assertThat(second.json().get("items").get(0).get("messageId").asLong()).isEqualTo(contentOnceOld);
	}

	@Test
	void findsOnlyTheCallersOwnMessages() {
		UserSummary bob = this.org.user("bob");
		long toAlice = send(this.alice, "系统维护通知", "alice only", "MAINTENANCE");
		long toBob = send(bob, "系统维护通知", "bob only", "MAINTENANCE");
		long groupId = this.org.group("Ops", bob);
		Response group = this.api.post("/api/v1/messages/send-to-group",
				"{\"groupId\": %d, \"groupType\": \"USER_GROUP\", \"messageType\": \"SYSTEM\", \"title\": \"系统维护通知\", \"content\": \"group\"}"
					.formatted(groupId),
				this.org.adminToken);
		long toGroup = group.json().get("messageId").asLong();
		long broadcast = this.org.broadcast("系统维护通知 everyone");
		long deleted = send(this.alice, "系统维护通知", "deleted", "MAINTENANCE");
		assertThat(this.api.delete("/api/v1/messages/" + deleted, this.token).status()).isEqualTo(204);

		TestOrg theirs = new TestOrg(this.api, "Search elsewhere");
		UserSummary mallory = theirs.user("mallory");
		Response foreign = theirs.sendToUser(mallory,
				"\"messageType\": \"SYSTEM\", \"title\": \"系统维护通知\", \"content\": \"theirs\"");
		long theirsDirect = foreign.json().get("messageId").asLong();
		long theirsBroadcast = theirs.broadcast("系统维护通知 theirs");

		assertThat(found(this.token, q("维护"))).containsExactlyInAnyOrder(toAlice, broadcast);
		assertThat(found(this.org.token(bob), q("维护"))).containsExactlyInAnyOrder(toBob, toGroup, broadcast);
		assertThat(found(this.org.adminToken, q("维护"))).containsExactly(broadcast);
		assertThat(found(theirs.token(mallory), q("维护"))).containsExactlyInAnyOrder(theirsDirect, theirsBroadcast);
		assertThat(found(theirs.adminToken, q("维护"))).containsExactly(theirsBroadcast);
	}

	@Test
	void rejectsMissingEmptyShortAndOverLongQueries() {
		for (String query : new String[] { "", "q=", "q=%20%20", "q=a", "q=" + "x".repeat(101) }) {
			Response response = search(this.token, query);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.json().get("type").asString()).isEqualTo("urn:orderpulse:problem:invalid-request");
			assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("q");
		}
		assertThat(search(this.token, "q=" + "x".repeat(100)).status()).isEqualTo(200);
		assertThat(search(this.token, q("维护") + "&size=101").status()).isEqualTo(400);
		assertThat(search(null, q("维护")).status()).isEqualTo(401);
	}

	@Test
	void theBigramIndexServesTheMatch() {
		String plan = this.transactions.execute((status) -> {
			this.jdbc.sql("set local enable_seqscan = off").update();
			return String.join("\n",
					this.jdbc.sql("explain select id from messages m where m.search_bigrams @> message_bigrams(?)")
						.param("维护")
						.query(String.class)
						.list());
		});
		assertThat(plan).contains("messages_search_idx");
	}

	@Test
	void listsAndSearchesCountNoFurtherThanTheirBoundsAndSearchRanksTheNewestMatches() {
		// test profile: count-limit 30, search-candidates 25; 31 messages all holding 维护
		long orgId = this.alice.orgId();
		List<Long> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 31; i++) {
			String title = (i == 0) ? "维护通知" : "Note " + i;
			String content = (i == 0) ? "维护 维护 维护" : (i == 20) ? "维护, 再次维护 special" : "例行维护";
			ids.add(this.inbox
				.sendToUser(orgId, this.alice.id(),
						new MessageDraft(MessageType.SYSTEM, title, content, Priority.NORMAL, null, null, null))
				.messageId());
		}

		Response list = this.api.get("/api/v1/messages?size=20", this.token);
		assertThat(list.json().get("totalItems").asLong()).as(list.toString()).isEqualTo(30);
		assertThat(list.json().get("totalItemsCapped").asBoolean()).isTrue();
		assertThat(list.json().get("totalPages").asLong()).isEqualTo(2);
		assertThat(list.json().get("unreadCount").asLong()).as("the unread count stays exact").isEqualTo(31);
		Response rest = this.api.get("/api/v1/messages?size=20&page=2", this.token);
		assertThat(rest.json().get("items").size()).as("a capped list still reaches every message").isEqualTo(11);
		assertThat(rest.json().get("nextCursor").isNull()).isTrue();
		Response fewer = this.api.get("/api/v1/messages?size=20&status=UNREAD&messageType=ALERT", this.token);
		assertThat(fewer.json().get("totalItems").asLong()).isZero();
		assertThat(fewer.json().get("totalItemsCapped").asBoolean()).isFalse();

		Response search = search(this.token, q("维护") + "&size=20");
		assertThat(search.json().get("totalItems").asLong()).as(search.toString()).isEqualTo(25);
		assertThat(search.json().get("totalItemsCapped").asBoolean()).isTrue();
		assertThat(search.json().get("totalPages").asLong()).isEqualTo(2);
		List<Long> first = found(this.token, q("维护") + "&size=20");
		List<Long> second = found(this.token, q("维护") + "&size=20&page=2");
		assertThat(first.get(0)).as("most occurrences first among the candidates").isEqualTo(ids.get(20));
		List<Long> shown = new java.util.ArrayList<>(first);
		shown.addAll(second);
		assertThat(shown).as("the newest 25 matches, each once")
			.containsExactlyInAnyOrderElementsOf(ids.subList(6, 31));
		assertThat(shown).as("an older title match is outside the candidates").doesNotContain(ids.get(0));
		assertThat(found(this.token, q("维护") + "&size=20&page=3")).isEmpty();

		Response rare = search(this.token, q("special"));
		assertThat(rare.json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(rare.json().get("totalItemsCapped").asBoolean()).isFalse();
	}

}
