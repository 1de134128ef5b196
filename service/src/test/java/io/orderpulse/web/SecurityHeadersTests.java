package io.orderpulse.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.payment.Payment;
import io.orderpulse.payment.PaymentMethod;
import io.orderpulse.payment.PaymentRequest;
import io.orderpulse.payment.Payments;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTML response (each static page, the API docs, error pages) carries a strict
 * Content-Security-Policy: scripts only from the service's own files (no inline script,
 * no event-handler attributes, no eval), styles only from files (but on the API docs),
 * never framed, plus nosniff and a Referrer-Policy. A script that slips into a page's
 * markup does not run.
 */
@IntegrationTest
class SecurityHeadersTests {

	@Autowired
	TestApi api;

	@Autowired
	Payments payments;

	@Test
	void everyPageCarriesAStrictContentSecurityPolicyAndTheOtherHeaders() throws IOException {
		UserSummary buyer = this.api.createUser("Headers Org", "payer", Role.BUYER);
		Payment payment = this.payments.create(new PaymentRequest(System.currentTimeMillis() * 1000 + 900, buyer.id(),
				buyer.orgId(), new BigDecimal("1.00"), "Headers"), PaymentMethod.SANDBOX);
		List<String> paths = new ArrayList<>(List.of("/", "/swagger-ui/index.html", payment.payUrl()));
		for (Resource page : new PathMatchingResourcePatternResolver().getResources("classpath:static/*.html")) {
			paths.add("/" + page.getFilename());
		}
		assertThat(paths).contains("/shop.html", "/messages-admin.html");
		for (String path : paths) {
			Response response = html(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.contentType()).as(path).startsWith("text/html");
			assertStrictHeaders(path, response);
		}
	}

	@Test
	void errorPagesCarryTheSameHeaders() {
		for (String path : List.of("/no-such-page.html", "/js/no-such-script.js", "/sandbox/pay/NO-SUCH-TRADE")) {
			Response response = html(path);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertStrictHeaders(path, response);
		}
	}

	@Test
	void scriptsAndStylesAreNotSniffed() {
		for (String path : List.of("/js/ui.js", "/css/app.css",
				"/webjars/stomp__stompjs/7.2.1/bundles/stomp.umd.min.js")) {
			Response response = html(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Content-Type-Options"))
				.as(path + " " + response.headers().map())
				.hasValue("nosniff");
		}
	}

	private Response html(String path) {
		return this.api.send(this.api.request(path, null).header("Accept", "text/html,*/*;q=0.8").GET());
	}

	private static void assertStrictHeaders(String path, Response response) {
		assertThat(response.headers().allValues("Content-Security-Policy")).as(path).hasSize(1);
		Map<String, List<String>> policy = directives(response.headers().firstValue("Content-Security-Policy").get());
		List<String> scripts = policy.getOrDefault("script-src", policy.get("default-src"));
		assertThat(scripts).as(path + " script-src").isNotNull().contains("'self'");
		assertThat(scripts).as(path + " script-src")
			.doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:");
		if (!path.startsWith("/swagger-ui/")) {
			// only the API docs need inline styles; the pages keep theirs in files
			assertThat(policy.get("style-src")).as(path + " style-src").containsExactly("'self'");
		}
		assertThat(policy.get("default-src")).as(path + " default-src").containsExactly("'self'");
		assertThat(policy.get("object-src")).as(path + " object-src").containsExactly("'none'");
		assertThat(policy.get("base-uri")).as(path + " base-uri").isNotNull().doesNotContain("*");
		assertThat(policy.get("frame-ancestors")).as(path + " frame-ancestors").containsExactly("'none'");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
	}

	private static Map<String, List<String>> directives(String header) {
		Map<String, List<String>> directives = new LinkedHashMap<>();
		for (String directive : header.split(";")) {
			List<String> parts = Arrays.asList(directive.trim().split("\\s+"));
			if (!parts.get(0).isEmpty()) {
				directives.put(parts.get(0).toLowerCase(), parts.subList(1, parts.size()));
			}
		}
		return directives;
	}

}
