package io.orderpulse;

import io.orderpulse.realtime.internal.EventFanout;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default needs no Redis: without profile {@code cluster} there is no Redis
 * connection at all, and events fan out to this node's sessions only.
 */
@IntegrationTest
class EmbeddedDefaultTests {

	@Autowired
	ApplicationContext context;

	@Test
	void hasNoRedisConnectionAndFansOutLocally() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.context.getBean(EventFanout.class).getClass().getSimpleName()).isEqualTo("LocalFanout");
	}

}
