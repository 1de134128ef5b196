package io.orderpulse.routing.channel.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.platform.Problems;
import io.orderpulse.routing.channel.ChannelFailure;
import io.orderpulse.routing.channel.OutboundMessage;
import io.orderpulse.routing.channel.WebhookCall;
import io.orderpulse.routing.channel.WebhookEndpoint;
import io.orderpulse.routing.channel.WebhookEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's organization's webhook, the target of the WEBHOOK channel; ADMIN only. The
 * signing secret is shown once, when it is made (a new webhook, a rotation).
 */
@RestController
@RequestMapping("/api/v1/admin/webhook")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Message routing")
@SecurityRequirement(name = "bearer")
class WebhookController {

	private final WebhookEndpoints endpoints;

	private final WebhookCall webhook;

	private final UserAccounts accounts;

	WebhookController(WebhookEndpoints endpoints, WebhookCall webhook, UserAccounts accounts) {
		this.endpoints = endpoints;
		this.webhook = webhook;
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "The organization's webhook (without its secret)")
	WebhookView get(@AuthenticationPrincipal AuthenticatedUser admin) {
		return this.endpoints.find(admin.orgId())
			.map((endpoint) -> WebhookView.of(endpoint, false))
			.orElseThrow(() -> notConfigured(admin.orgId()));
	}

	@PutMapping
	@Operation(summary = "Set the organization's webhook URL",
			description = "The URL must be an absolute http or https URL (400 naming url otherwise). A new webhook "
					+ "answers 201 with its signing secret, shown this once; changing the URL keeps the secret "
					+ "and answers 200 without it.")
	ResponseEntity<WebhookView> put(@AuthenticationPrincipal AuthenticatedUser admin,
			@RequestBody WebhookRequest request) {
		WebhookEndpoints.Configured configured = this.endpoints.configure(admin.orgId(), request.url());
		WebhookView view = WebhookView.of(configured.endpoint(), configured.created());
		return configured.created() ? ResponseEntity.created(URI.create("/api/v1/admin/webhook")).body(view)
				: ResponseEntity.ok(view);
	}

	@PostMapping("/secret")
	@Operation(summary = "Give the webhook a new signing secret",
			description = "Answers with the new secret, shown this once; the old one stops working at once.")
	WebhookView rotateSecret(@AuthenticationPrincipal AuthenticatedUser admin) {
		return this.endpoints.rotateSecret(admin.orgId())
			.map((endpoint) -> WebhookView.of(endpoint, true))
			.orElseThrow(() -> notConfigured(admin.orgId()));
	}

	@PostMapping("/test")
	@Operation(summary = "Send a signed test message to the webhook now",
			description = "A message with id 0, type SYSTEM and the admin as recipient, signed like every other. "
					+ "Answers 200 {delivered, status, durationMs} with the HTTP status the receiver answered, "
					+ "and {error, retryable} saying what went wrong if it was not a 2xx (a status, a timeout, "
					+ "an address webhooks may not call); never the receiver's body or headers. 404 without a "
					+ "webhook.")
	TestResult test(@AuthenticationPrincipal AuthenticatedUser admin) {
		if (this.endpoints.find(admin.orgId()).isEmpty()) {
			throw notConfigured(admin.orgId());
		}
		String displayName = this.accounts.find(admin.userId()).map(UserSummary::displayName).orElse(admin.username());
		OutboundMessage message = new OutboundMessage(0L, admin.orgId(),
				new OutboundMessage.Recipient(admin.userId(), admin.username(), displayName, null, null),
				"OrderPulse webhook test", "If you can read this, your webhook receives OrderPulse messages.", "SYSTEM",
				"LOW", null, Instant.now());
		long start = System.nanoTime();
		try {
			int status = this.webhook.post(message);
			return new TestResult(true, status, millisSince(start), null, null);
		}
		catch (ChannelFailure failure) {
			// the failure says what happened in words of its own, never quoting the
			// answer
			return new TestResult(false, failure.status(), millisSince(start), failure.getMessage(),
					failure.isRetryable());
		}
	}

	@DeleteMapping
	@Operation(summary = "Remove the organization's webhook", description = "Answers 204 whether or not there was one.")
	ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser admin) {
		this.endpoints.remove(admin.orgId());
		return ResponseEntity.noContent().build();
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static ErrorResponseException notConfigured(long orgId) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND,
				"webhook-not-configured", "Webhook not configured", "Your organization has no webhook."), null);
	}

	record WebhookRequest(@Nullable String url) {
	}

	/**
	 * The outcome of a test message.
	 *
	 * @param delivered whether the receiver answered 2xx
	 * @param status the HTTP status the receiver answered, if it answered
	 * @param durationMs how long the call took
	 * @param error what went wrong, if it was not delivered
	 * @param retryable whether a later attempt could succeed, if it was not delivered
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TestResult(boolean delivered, @Nullable Integer status, long durationMs, @Nullable String error,
			@Nullable Boolean retryable) {
	}

	/**
	 * A webhook as the API shows it.
	 *
	 * @param url where messages are POSTed
	 * @param secret the signing secret, only right after it was made
	 * @param createdAt when the webhook was configured first
	 * @param updatedAt when its URL or secret changed last
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record WebhookView(String url, @Nullable String secret, Instant createdAt, Instant updatedAt) {

		static WebhookView of(WebhookEndpoint endpoint, boolean withSecret) {
			return new WebhookView(endpoint.url(), withSecret ? endpoint.secret() : null, endpoint.createdAt(),
					endpoint.updatedAt());
		}

	}

}
