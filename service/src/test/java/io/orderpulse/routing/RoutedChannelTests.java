package io.orderpulse.routing;

import java.time.Duration;
import java.time.Instant;

import com.icegreen.greenmail.util.GreenMail;
import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.TestOrg;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.routing.channel.ScriptedSmtpServer;
import io.orderpulse.routing.channel.TestHttpServer;
import io.orderpulse.routing.channel.TestHttpServer.Request;
import io.orderpulse.routing.channel.WebhookSettings;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing through the real external channels of the running application: email to the
 * test context's SMTP server (GreenMail), webhooks to an HTTP server the test starts.
 * Failures are retried with the rule's backoff (the job is passed the time of the next
 * attempt) and end FAILED; a hanging endpoint does not hold up other deliveries. The
 * failing mail server is a {@link ScriptedSmtpServer} answering 451 to every recipient:
 * the context's mail sender is pointed at it for the test and back at GreenMail after (or
 * when the test lets the server "recover"); an email of another test sent meanwhile would
 * only be retried.
 */
@IntegrationTest
class RoutedChannelTests {

	@Autowired
	TestApi api;

	@Autowired
	Deliveries deliveries;

	@Autowired
	GreenMail smtp;

	@Autowired
	WebhookSettings webhook;

	@Autowired
	JavaMailSenderImpl mailSender;

	private int greenMailPort;

	private TestOrg org;

	private TestHttpServer receiver;

	@BeforeEach
	void start() throws Exception {
		this.org = new TestOrg(this.api, "Channels");
		this.receiver = TestHttpServer.start();
		this.greenMailPort = this.mailSender.getPort();
	}

	@AfterEach
	void stop() {
		this.receiver.close();
		this.mailSender.setPort(this.greenMailPort);
	}

	@Test
	void aRuleSendsByEmailToTheRecipientsAddress() throws Exception {
		UserSummary alice = this.org.user("alice");
		String address = alice.username().toLowerCase() + "@example.com";
		assertThat(this.api.put("/api/v1/users/me/contact", "{\"email\": \"" + address + "\"}", this.org.token(alice))
			.status()).isEqualTo(200);
		this.org.rule("""
				{"name": "Mail reports", "priority": 1, "condition": {"category": "REPORT"},
				 "action": {"channels": ["WEBSOCKET", "EMAIL"]}}
				""");
		long messageId = this.org.send(alice, "Monthly report", "NORMAL", "REPORT");
		MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> receivedBy(address), (m) -> m != null);
		assertThat(mail.getSubject()).isEqualTo("Monthly report");
		JsonNode record = this.org.awaitStatus(messageId, "EMAIL", "SENT");
		assertThat(record.get("attempts").asInt()).isEqualTo(1);
		this.org.awaitStatus(messageId, "WEBSOCKET", "SENT");

		// a recipient without an address: FAILED at once, not retried
		UserSummary bob = this.org.user("bob");
		long toBob = this.org.send(bob, "Monthly report", "NORMAL", "REPORT");
		JsonNode failed = this.org.awaitStatus(toBob, "EMAIL", "FAILED");
		assertThat(failed.get("attempts").asInt()).isEqualTo(1);
		assertThat(failed.get("lastError").asString()).contains("no email address");
	}

	@Test
	void aFailingMailServerIsRetriedWithBackoffThenFailed() throws Exception {
		UserSummary alice = this.org.user("alice");
		String address = emailOf(alice);
		this.org.rule("""
				{"name": "Mail", "priority": 1,
				 "action": {"channels": ["EMAIL"], "retry": {"maxAttempts": 3, "backoff": "PT1M"}}}
				""");
		try (ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 mailbox busy, try again later")) {
			this.mailSender.setPort(busy.port());
			long messageId = this.org.send(alice, "Invoice 42", "NORMAL", "BILLING");

			JsonNode first = awaitAttempts(messageId, 1);
			assertThat(first.get("channel").asString()).isEqualTo("EMAIL");
			assertThat(first.get("status").asString()).isEqualTo("PENDING");
			assertThat(first.get("lastError").asString()).contains("SMTP server answered 451");
			Instant second = Instant.parse(first.get("nextAttemptTime").asString());
			Instant firstTime = Instant.parse(first.get("updatedTime").asString());
			assertThat(Duration.between(firstTime, second)).isEqualTo(Duration.ofMinutes(1));
			assertThat(busy.attemptsFor(address)).isEqualTo(1);
			// not due yet: nothing happens
			this.deliveries.runDue(second.minusSeconds(1));
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(2))
				.until(() -> busy.attemptsFor(address) == 1
						&& this.org.deliveries(messageId).get(0).get("attempts").asInt() == 1);

			JsonNode failed = secondAndThirdAttemptsThenFailed(messageId, second);
			assertThat(failed.get("lastError").asString()).contains("SMTP server answered 451")
				.contains("try again later");
			assertThat(busy.attemptsFor(address)).isEqualTo(3);
			this.deliveries.runDue(second.plus(Duration.ofHours(1)));
			assertThat(busy.attemptsFor(address)).as("a FAILED record is not tried again").isEqualTo(3);
			assertThat(receivedBy(address)).isNull();
		}
	}

	@Test
	void aMailServerThatRecoversReceivesTheRetry() throws Exception {
		UserSummary alice = this.org.user("alice");
		String address = emailOf(alice);
		this.org.rule("""
				{"name": "Mail", "priority": 1,
				 "action": {"channels": ["EMAIL"], "retry": {"maxAttempts": 2, "backoff": "PT30S"}}}
				""");
		long messageId;
		Instant retry;
		try (ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.7.1 greylisted, try again later")) {
			this.mailSender.setPort(busy.port());
			messageId = this.org.send(alice, "Invoice 43", "NORMAL", "BILLING");
			JsonNode first = awaitAttempts(messageId, 1);
			assertThat(first.get("lastError").asString()).contains("451");
			retry = Instant.parse(first.get("nextAttemptTime").asString());
			assertThat(busy.attemptsFor(address)).isEqualTo(1);
		}
		// the server is back
		this.mailSender.setPort(this.greenMailPort);
		this.deliveries.runDue(retry);
		JsonNode sent = this.org.awaitStatus(messageId, "EMAIL", "SENT");
		assertThat(sent.get("attempts").asInt()).isEqualTo(2);
		assertThat(sent.get("lastError").isNull()).isTrue();
		MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> receivedBy(address), (m) -> m != null);
		assertThat(mail.getSubject()).isEqualTo("Invoice 43");
		assertThat(mail.getHeader("X-OrderPulse-Message-Id")).containsExactly(Long.toString(messageId));
	}

	@Test
	void aFailingWebhookIsRetriedWithBackoffThenFailed() throws Exception {
		webhookTo(this.receiver.url("/hooks"));
		this.receiver.answer(500, "down");
		this.org.rule("""
				{"name": "Hooks", "priority": 1,
				 "action": {"channels": ["WEBHOOK"], "retry": {"maxAttempts": 3, "backoff": "PT1M"}}}
				""");
		UserSummary alice = this.org.user("alice");
		long messageId = this.org.send(alice, "Order shipped", "NORMAL", "SHIPPING");

		JsonNode first = awaitAttempts(messageId, 1);
		assertThat(first.get("status").asString()).isEqualTo("PENDING");
		assertThat(first.get("lastError").asString()).contains("500");
		Instant second = Instant.parse(first.get("nextAttemptTime").asString());
		Instant firstTime = Instant.parse(first.get("updatedTime").asString());
		assertThat(Duration.between(firstTime, second)).isEqualTo(Duration.ofMinutes(1));
		// not due yet: nothing happens
		assertThat(this.receiver.received()).isEqualTo(1);
		this.deliveries.runDue(second.minusSeconds(1));
		Thread.sleep(300);
		assertThat(this.receiver.received()).isEqualTo(1);

		secondAndThirdAttemptsThenFailed(messageId, second);
		assertThat(this.receiver.received()).isEqualTo(3);
		this.deliveries.runDue(second.plus(Duration.ofHours(1)));
		assertThat(this.receiver.received()).as("a FAILED record is not tried again").isEqualTo(3);

		Response stats = this.api.get("/api/v1/messages/statistics", this.org.adminToken);
		assertThat(stats.json().get("channelStats").toString()).isEqualTo(
				"[{\"channel\":\"WEBHOOK\",\"deliveries\":1,\"sent\":0,\"failed\":1,\"pending\":0,\"successRate\":0.0}]");
	}

	@Test
	void aWebhookThatRecoversIsSentOnTheRetry() throws Exception {
		webhookTo(this.receiver.url("/hooks"));
		this.receiver.answer(503, "busy");
		this.org.rule("""
				{"name": "Hooks", "priority": 1,
				 "action": {"channels": ["WEBHOOK"], "retry": {"maxAttempts": 2, "backoff": "PT30S"}}}
				""");
		long messageId = this.org.send(this.org.user("alice"), "Order paid", "NORMAL", "PAYMENT");
		Instant retry = Instant.parse(awaitAttempts(messageId, 1).get("nextAttemptTime").asString());
		this.receiver.answer(200, "ok");
		this.deliveries.runDue(retry);
		JsonNode sent = this.org.awaitStatus(messageId, "WEBHOOK", "SENT");
		assertThat(sent.get("attempts").asInt()).isEqualTo(2);
		assertThat(sent.get("lastError").isNull()).isTrue();
		assertThat(this.receiver.received()).isEqualTo(2);
		Request request = this.receiver.next(Duration.ofSeconds(1));
		assertThat(request.header("X-OrderPulse-Message-Id")).isEqualTo(Long.toString(messageId));
	}

	@Test
	void aHangingWebhookDoesNotHoldUpOtherDeliveries() throws Exception {
		webhookTo(this.receiver.url("/slow"));
		this.receiver.hang();
		this.org.rule("""
				{"name": "Hooks", "priority": 1, "condition": {"category": "HOOK"},
				 "action": {"channels": ["WEBHOOK"], "retry": {"maxAttempts": 2, "backoff": "PT1M"}}}
				""");
		UserSummary alice = this.org.user("alice");
		TestOrg other = new TestOrg(this.api, "Unaffected");
		UserSummary bob = other.user("bob");
		String address = bob.username().toLowerCase() + "@example.com";
		this.api.put("/api/v1/users/me/contact", "{\"email\": \"" + address + "\"}", other.token(bob));
		other.rule("""
				{"name": "Mail", "priority": 1, "action": {"channels": ["EMAIL"]}}
				""");

		long hanging = this.org.send(alice, "To a slow receiver", "NORMAL", "HOOK");
		assertThat(this.receiver.next(Duration.ofSeconds(5))).as("the webhook call is in flight").isNotNull();
		long inFlight = System.nanoTime();
		// another organization's email and this organization's push go through meanwhile:
		// both finish before the hanging call's read timeout (3 s in the tests) ends it
		long mailed = other.send(bob, "Quick one", "NORMAL", "GENERAL");
		long pushed = this.org.send(alice, "Pushed", "NORMAL", "GENERAL");
		other.awaitStatus(mailed, "EMAIL", "SENT");
		this.org.awaitStatus(pushed, "WEBSOCKET", "SENT");
		assertThat(Duration.ofNanos(System.nanoTime() - inFlight)).isLessThan(this.webhook.readTimeout());
		assertThat(this.org.deliveries(hanging).get(0).get("attempts").asInt()).as("the webhook call has not ended yet")
			.isZero();

		// the webhook's read timeout ends the attempt: retried later
		JsonNode timedOut = awaitAttempts(hanging, 1);
		assertThat(timedOut.get("status").asString()).isEqualTo("PENDING");
		assertThat(timedOut.get("lastError").asString()).contains("did not answer");
	}

	private String emailOf(UserSummary user) {
		String address = user.username().toLowerCase() + "@example.com";
		Response set = this.api.put("/api/v1/users/me/contact", "{\"email\": \"" + address + "\"}",
				this.org.token(user));
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		return address;
	}

	private void webhookTo(java.net.URI url) {
		Response set = this.api.put("/api/v1/admin/webhook", "{\"url\": \"" + url + "\"}", this.org.adminToken);
		assertThat(set.status()).as(set.toString()).isIn(200, 201);
	}

	/**
	 * Makes the second attempt (due at {@code second}) and the third, two minutes later
	 * (the backoff doubles), both failing: the record is FAILED with no further attempt.
	 * @return the record as {@code GET /api/v1/messages/{id}/deliveries} shows it
	 */
	private JsonNode secondAndThirdAttemptsThenFailed(long messageId, Instant second) {
		this.deliveries.runDue(second);
		JsonNode afterSecond = awaitAttempts(messageId, 2);
		assertThat(afterSecond.get("status").asString()).isEqualTo("PENDING");
		Instant third = Instant.parse(afterSecond.get("nextAttemptTime").asString());
		assertThat(Duration.between(second, third)).as("the backoff doubles").isEqualTo(Duration.ofMinutes(2));

		this.deliveries.runDue(third);
		JsonNode failed = awaitAttempts(messageId, 3);
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("nextAttemptTime").isNull()).isTrue();
		return failed;
	}

	private JsonNode awaitAttempts(long messageId, int attempts) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.org.deliveries(messageId).get(0),
					(record) -> record.get("attempts").asInt() == attempts
							&& !record.get("status").asString().equals("PENDING")
							|| record.get("attempts").asInt() == attempts && !record.get("lastError").isNull());
	}

	private @Nullable MimeMessage receivedBy(String address) throws Exception {
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			for (var to : message.getRecipients(RecipientType.TO)) {
				if (((InternetAddress) to).getAddress().equals(address)) {
					return message;
				}
			}
		}
		return null;
	}

}
