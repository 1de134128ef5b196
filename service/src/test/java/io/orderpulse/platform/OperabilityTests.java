package io.orderpulse.platform;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OperabilityTests {

	@Autowired
	TestApi api;

	@Autowired
	WebServerApplicationContext context;

	@Test
	void healthLivenessAndReadinessAreUp() {
		assertThat(this.api.get("/actuator/health", null).json().get("status").asString()).isEqualTo("UP");
		assertThat(this.api.get("/actuator/health/liveness", null).json().get("status").asString()).isEqualTo("UP");
		assertThat(this.api.get("/actuator/health/readiness", null).json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void exposesPrometheusMetricsAndBuildInfo() {
		Response prometheus = this.api.get("/actuator/prometheus", null);
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");

		Response info = this.api.get("/actuator/info", null);
		assertThat(info.json().get("build").get("artifact").asString()).isEqualTo("orderpulse-service");
	}

	@Test
	void documentsTheApiWithOpenApiAndSwaggerUi() {
		Response docs = this.api.get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").propertyNames()).contains("/api/v1/auth/login", "/api/v1/auth/register",
				"/api/v1/users/me", "/api/v1/groups", "/api/v1/groups/{groupId}/members/{userId}");

		assertThat(docs.json().get("info").get("title").asString()).isEqualTo("OrderPulse API");
		assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
		Response redirect = this.api.get("/swagger-ui.html", null);
		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/swagger-ui/index.html"));

		Response ui = this.api.get("/swagger-ui/index.html", null);
		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("Swagger UI");
	}

	@Test
	void servesTheLandingPage() {
		Response page = this.api.get("/", null);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<form id=\"login-form\"");
	}

	@Test
	void theHttpPortListensWithALargeBacklog() {
		// orderpulse.web.accept-queue-size; Jetty's default leaves the JDK's 50,
		// and the kernel drops the SYNs of a burst of new sockets
		JettyWebServer webServer = (JettyWebServer) this.context.getWebServer();

		assertThat(webServer.getServer().getConnectors()).isNotEmpty()
			.allSatisfy((connector) -> assertThat(connector).isInstanceOfSatisfying(ServerConnector.class,
					(serverConnector) -> assertThat(serverConnector.getAcceptQueueSize()).isEqualTo(4096)));
	}

}
