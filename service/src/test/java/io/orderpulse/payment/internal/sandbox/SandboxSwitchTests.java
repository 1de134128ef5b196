package io.orderpulse.payment.internal.sandbox;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox gateway is off unless enabled (profile demo enables it), and profile
 * {@code cluster} refuses it unless that is explicitly allowed.
 */
class SandboxSwitchTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class,
			SandboxConfiguration.class, SandboxGateway.class, SandboxPayPage.class);

	@Test
	void isOffUnlessEnabled() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(SandboxGateway.class)
			.doesNotHaveBean(SandboxPayPage.class)
			.doesNotHaveBean(SandboxKeys.class));
		this.runner.withPropertyValues("orderpulse.payment.sandbox.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SandboxGateway.class)
				.hasSingleBean(SandboxPayPage.class));
	}

	@Test
	void clusterProfileRefusesItUnlessAllowed() {
		this.runner.withPropertyValues("spring.profiles.active=cluster", "orderpulse.payment.sandbox.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("orderpulse.payment.sandbox.allow-in-cluster=true");
			});
		this.runner
			.withPropertyValues("spring.profiles.active=cluster", "orderpulse.payment.sandbox.enabled=true",
					"orderpulse.payment.sandbox.allow-in-cluster=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SandboxGateway.class));
		this.runner.withPropertyValues("spring.profiles.active=cluster")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SandboxGateway.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SandboxSettings.class)
	static class Settings {

	}

}
