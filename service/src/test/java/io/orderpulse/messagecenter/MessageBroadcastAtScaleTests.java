package io.orderpulse.messagecenter;

import java.util.ArrayList;
import java.util.List;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderpulse.TestOrg.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast to an organization of 100,000 users is one row: accepted at once, with
 * every user's unread count exact.
 */
@IntegrationTest
class MessageBroadcastAtScaleTests {

	private static final Logger log = LoggerFactory.getLogger(MessageBroadcastAtScaleTests.class);

	private static final int USERS = 100_000;

	@Autowired
	TestApi api;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void broadcastsToAHundredThousandUsersInWellUnderASecond() {
		TestOrg org = new TestOrg(this.api, "Large");
		long created = System.nanoTime();
		List<UserSummary> users = new ArrayList<>();
		for (int batch = 0; batch < USERS / 20_000; batch++) {
			users.addAll(this.accounts.createBenchUsers(org.orgId(), "large-" + Long.toString(System.nanoTime(), 36),
					20_000));
		}
		log.info("Created {} users in {} ms", users.size(), (System.nanoTime() - created) / 1_000_000);
		// warm the path up so the measurement is of the design, not of class loading
		org.direct(users.get(0), "Welcome");

		long start = System.nanoTime();
		Response sent = this.api.post("/api/v1/messages/broadcast",
				"{\"scope\": \"ORGANIZATION\", " + message("Everyone") + "}", org.adminToken);
		long millis = (System.nanoTime() - start) / 1_000_000;
		log.info("Broadcast to {} users accepted in {} ms", USERS + 1, millis);

		assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
		assertThat(sent.json().get("recipientCount").asLong()).isEqualTo(USERS + 1);
		assertThat(millis).isLessThan(1000);
		long broadcast = sent.json().get("messageId").asLong();

		List<UserSummary> sample = List.of(users.get(1), users.get(USERS / 2), users.get(USERS - 1));
		for (UserSummary user : sample) {
			assertThat(org.unread(org.token(user))).isEqualTo(1);
		}
		assertThat(org.unread(org.token(users.get(0)))).isEqualTo(2);

		String reader = org.token(sample.get(1));
		assertThat(this.api.put("/api/v1/messages/" + broadcast + "/read", null, reader).status()).isEqualTo(200);
		assertThat(org.unread(reader)).isZero();
		assertThat(org.unread(org.token(sample.get(0)))).isEqualTo(1);
		assertThat(org.unread(org.token(sample.get(2)))).isEqualTo(1);
		assertThat(org.unread(org.adminToken)).isEqualTo(1);

		assertThat(
				this.jdbc.sql("select count(*) from messages where id = ?").param(broadcast).query(Long.class).single())
			.isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from message_recipients where message_id = ?")
			.param(broadcast)
			.query(Long.class)
			.single()).as("one state row: the reader's").isEqualTo(1);
	}

}
