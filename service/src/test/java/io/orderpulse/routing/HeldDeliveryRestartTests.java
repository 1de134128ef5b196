package io.orderpulse.routing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import io.orderpulse.OrderPulseApplication;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Organizations;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.messagecenter.Inbox;
import io.orderpulse.messagecenter.MessageDraft;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery held by quiet hours is a row in PostgreSQL: it is still pending after the
 * application restarts, and the job of the new process makes it when the hours end.
 */
@Tag("integration")
class HeldDeliveryRestartTests {

	@TempDir
	Path dataDir;

	@Test
	void aHeldDeliverySurvivesARestartAndIsMadeWhenQuietHoursEnd() {
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		Instant now = Instant.now();
		TimeWindow window = new TimeWindow(local(now.minus(Duration.ofHours(1)), zone),
				local(now.plus(Duration.ofHours(1)), zone), zone);
		long orgId;
		long messageId;
		Instant end;
		try (ConfigurableApplicationContext first = start()) {
			orgId = first.getBean(Organizations.class).ensure("Restart routing");
			UserSummary alice = first.getBean(UserAccounts.class)
				.create(new NewUser(orgId, "alice-restart", "a-test-passphrase", "Alice", Set.of(Role.BUYER), null));
			first.getBean(MessageRoutes.class).setUserQuietHours(orgId, alice.id(), new QuietHours(true, window));
			messageId = first.getBean(Inbox.class)
				.sendToUser(orgId, alice.id(),
						new MessageDraft(MessageType.SYSTEM, "Held over a restart", "Good morning", Priority.NORMAL,
								"GENERAL", null, null))
				.messageId();
			Deliveries deliveries = first.getBean(Deliveries.class);
			List<Delivery> held = await().until(() -> deliveries.ofMessage(orgId, messageId),
					(list) -> !list.isEmpty());
			assertThat(held).singleElement().satisfies((delivery) -> {
				assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
				assertThat(delivery.heldBy()).isEqualTo("QUIET_HOURS");
			});
			end = held.get(0).nextAttemptTime();
			assertThat(end).isEqualTo(window.endOf(held.get(0).createdTime()));
		}

		try (ConfigurableApplicationContext second = start()) {
			Deliveries deliveries = second.getBean(Deliveries.class);
			assertThat(deliveries.ofMessage(orgId, messageId)).singleElement()
				.satisfies((delivery) -> assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING));
			deliveries.runDue(end);
			assertThat(deliveries.ofMessage(orgId, messageId)).singleElement().satisfies((delivery) -> {
				assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
				assertThat(delivery.sentTime()).isEqualTo(end);
				assertThat(delivery.attempts()).isEqualTo(1);
			});
		}
	}

	private static LocalTime local(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(OrderPulseApplication.class).profiles("test")
			.run("--server.port=0", "--orderpulse.database.embedded.data-dir=" + this.dataDir.resolve("postgres"));
	}

}
