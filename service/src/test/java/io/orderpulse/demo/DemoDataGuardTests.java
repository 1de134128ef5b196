package io.orderpulse.demo;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DemoDataGuardTests {

	@Test
	void refusesToRunInClusterMode() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("cluster", "demo");

		assertThatIllegalStateException()
			.isThrownBy(() -> new DemoData(null, null, null, null, environment, null, null, null))
			.withMessageContaining("cluster");
	}

}
