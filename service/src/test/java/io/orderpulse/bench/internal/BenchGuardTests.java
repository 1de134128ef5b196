package io.orderpulse.bench.internal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class BenchGuardTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(BenchConfiguration.class);

	@Test
	void clusterProfileRefusesTheBenchmark() {
		this.runner.withPropertyValues("spring.profiles.active=cluster", "orderpulse.bench.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("orderpulse.bench.allow-in-cluster=true");
			});
	}

	@Test
	void clusterProfileAcceptsTheBenchmarkWhenAllowed() {
		this.runner
			.withPropertyValues("spring.profiles.active=cluster", "orderpulse.bench.enabled=true",
					"orderpulse.bench.allow-in-cluster=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(BenchSettings.class));
	}

	@Test
	void isOffUnlessEnabled() {
		this.runner.withPropertyValues("spring.profiles.active=cluster")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BenchSettings.class));
	}

	@Test
	void runsOutsideTheClusterProfile() {
		this.runner.withPropertyValues("orderpulse.bench.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(BenchSettings.class));
	}

}
