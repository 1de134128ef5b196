package io.orderpulse.realtime.internal;

import java.util.Map;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.identity.Role;
import io.orderpulse.realtime.UserEvent;
import io.orderpulse.realtime.UserEvents;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention job, called through its scheduling proxy (with its ShedLock lock) as the
 * scheduler calls it.
 */
@IntegrationTest
class EventRetentionTests {

	@Autowired
	TestApi api;

	@Autowired
	UserEvents events;

	@Autowired
	EventRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void removesEventsOlderThanRetentionAndKeepsNewerOnes() {
		long user = this.api.createUser("Retention", "kept", Role.BUYER).id();
		UserEvent old = this.events.publish(user, "/user/queue/messages", Map.of("n", 1));
		UserEvent recent = this.events.publish(user, "/user/queue/messages", Map.of("n", 2));
		this.jdbc.sql("update user_events set created_at = now() - interval '30 days' where user_id = ? and seq = ?")
			.params(user, old.seq())
			.update();

		this.retention.purge();

		assertThat(this.jdbc.sql("select seq from user_events where user_id = ? order by seq")
			.param(user)
			.query(Long.class)
			.list()).containsExactly(recent.seq());
	}

}
