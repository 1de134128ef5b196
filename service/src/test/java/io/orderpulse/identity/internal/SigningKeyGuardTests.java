package io.orderpulse.identity.internal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyGuardTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class,
			TokenConfiguration.class);

	@Test
	void clusterProfileRefusesTheDevelopmentKey() {
		this.runner.withPropertyValues("spring.profiles.active=cluster").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ORDERPULSE_JWT_SECRET");
		});
	}

	@Test
	void clusterProfileAcceptsAKeyOfItsOwn() {
		this.runner
			.withPropertyValues("spring.profiles.active=cluster",
					"orderpulse.identity.jwt-secret=0123456789abcdef0123456789abcdef-own-key")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("jwtDecoder"));
	}

	@Test
	void refusesAKeyTooShortForHs256() {
		this.runner.withPropertyValues("orderpulse.identity.jwt-secret=short").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 32 bytes");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IdentitySettings.class)
	static class Settings {

	}

}
