package io.orderpulse.realtime.internal;

import io.orderpulse.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class EventRetentionTests {

	@Autowired
	EventRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRetentionJobRunsUnderItsClusterWideLock() {
		this.retention.purge();

		assertThat(this.jdbc.sql("select count(*) from shedlock where name = 'realtime.purgeEvents'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
