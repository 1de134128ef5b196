package io.orderpulse.bench.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Enables the benchmark support's settings and refuses to start a node of profile
 * {@code cluster} with the benchmark enabled unless that is explicitly allowed: its
 * endpoints create users and put load on a production database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("orderpulse.bench.enabled")
@EnableConfigurationProperties(BenchSettings.class)
class BenchConfiguration {

	BenchConfiguration(BenchSettings settings, Environment environment) {
		if (environment.matchesProfiles("cluster") && !settings.allowInCluster()) {
			throw new IllegalStateException("Profile 'cluster' refuses orderpulse.bench.enabled=true: the benchmark "
					+ "endpoints create users and generate load. Set orderpulse.bench.allow-in-cluster=true as well "
					+ "to benchmark a cluster on purpose.");
		}
	}

}
