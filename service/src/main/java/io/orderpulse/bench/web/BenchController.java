package io.orderpulse.bench.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import io.orderpulse.bench.BenchRun;
import io.orderpulse.bench.LoadGenerator;
import io.orderpulse.identity.AccessToken;
import io.orderpulse.identity.AccessTokens;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.platform.Problems;
import io.orderpulse.realtime.Destinations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark trigger: users with ready tokens, and paced per-user events and
 * announcements through the real publish path. ADMIN only, in the admin's organization.
 */
@RestController
@RequestMapping("/api/v1/bench")
@PreAuthorize("hasRole('ADMIN')")
@ConditionalOnBooleanProperty("orderpulse.bench.enabled")
@Tag(name = "Benchmark")
@SecurityRequirement(name = "bearer")
class BenchController {

	static final int MAX_USERS = 20_000;

	static final int MAX_RANGE = 100_000;

	static final long MAX_EVENTS = 10_000_000;

	/** Rows per lookup, well under PostgreSQL's limit of bind parameters. */
	private static final int LOOKUP_CHUNK = 10_000;

	private final UserAccounts accounts;

	private final AccessTokens tokens;

	private final LoadGenerator generator;

	BenchController(UserAccounts accounts, AccessTokens tokens, LoadGenerator generator) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.generator = generator;
	}

	@PostMapping("/users")
	@Operation(summary = "Create BUYERs prefix-1..prefix-count in the admin's organization, with access tokens")
	BenchUsers createUsers(@AuthenticationPrincipal AuthenticatedUser caller,
			@Valid @RequestBody CreateUsersRequest request) {
		List<UserSummary> created = this.accounts.createBenchUsers(caller.orgId(), request.prefix(), request.count());
		List<AccessToken> issued = this.tokens.issueAll(created);
		List<BenchUser> users = new ArrayList<>(created.size());
		for (int i = 0; i < created.size(); i++) {
			UserSummary user = created.get(i);
			users.add(new BenchUser(user.id(), user.username(), issued.get(i).value()));
		}
		return new BenchUsers(users);
	}

	@PostMapping("/publish")
	@Operation(summary = "Publish paced per-user events (stored, sequenced, pushed) to users of the organization")
	ResponseEntity<BenchRun> publish(@AuthenticationPrincipal AuthenticatedUser caller,
			@Valid @RequestBody PublishRequest request) {
		String destination = (request.destination() != null) ? request.destination() : Destinations.MESSAGES;
		if (!Destinations.isUserQueue(destination)) {
			throw new InvalidBenchRequest("destination", "must be a per-user queue such as /user/queue/messages");
		}
		List<Long> userIds = recipients(caller.orgId(), request);
		if ((long) userIds.size() * request.perUser() > MAX_EVENTS) {
			throw new InvalidBenchRequest("perUser", "users x perUser may be at most " + MAX_EVENTS);
		}
		BenchRun run = this.generator.publish(userIds, request.perUser(), request.ratePerSecond(), destination);
		return ResponseEntity.accepted().body(run);
	}

	@PostMapping("/broadcast")
	@Operation(summary = "Publish paced announcements on /topic/announcements of the organization")
	ResponseEntity<BenchRun> broadcast(@AuthenticationPrincipal AuthenticatedUser caller,
			@Valid @RequestBody BroadcastRequest request) {
		return ResponseEntity.accepted()
			.body(this.generator.broadcast(caller.orgId(), request.count(), request.ratePerSecond()));
	}

	@GetMapping("/runs/{runId}")
	@Operation(summary = "The progress of a run")
	BenchRun run(@PathVariable String runId) {
		return this.generator.run(runId)
			.orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, Problems.detail(HttpStatus.NOT_FOUND,
					"run-not-found", "Run not found", "There is no benchmark run '" + runId + "'."), null));
	}

	/**
	 * The organization's users the request names: all of {@code userIds} (any other is
	 * refused), or those with ids from {@code fromUserId} to {@code toUserId}.
	 */
	private List<Long> recipients(long orgId, PublishRequest request) {
		boolean listed = request.userIds() != null;
		boolean ranged = request.fromUserId() != null || request.toUserId() != null;
		if (listed == ranged) {
			throw new InvalidBenchRequest("userIds", "give either userIds or fromUserId and toUserId");
		}
		if (listed) {
			List<Long> wanted = List.copyOf(new LinkedHashSet<>(request.userIds()));
			Set<Long> found = Set.copyOf(inOrganization(orgId, wanted));
			List<Long> unknown = wanted.stream().filter((id) -> !found.contains(id)).limit(10).toList();
			if (!unknown.isEmpty()) {
				throw new InvalidBenchRequest("userIds", "not users of your organization: " + unknown);
			}
			return wanted;
		}
		Long from = request.fromUserId();
		Long to = request.toUserId();
		if (from == null || to == null) {
			throw new InvalidBenchRequest((from == null) ? "fromUserId" : "toUserId",
					"give both fromUserId and toUserId");
		}
		if (to < from || to - from >= MAX_RANGE) {
			throw new InvalidBenchRequest("toUserId", "must be from fromUserId to fromUserId + " + (MAX_RANGE - 1));
		}
		List<Long> found = inOrganization(orgId, LongStream.rangeClosed(from, to).boxed().toList());
		if (found.isEmpty()) {
			throw new InvalidBenchRequest("fromUserId", "no user of your organization in the range");
		}
		return found;
	}

	private List<Long> inOrganization(long orgId, List<Long> ids) {
		List<Long> found = new ArrayList<>(ids.size());
		for (int start = 0; start < ids.size(); start += LOOKUP_CHUNK) {
			List<Long> chunk = ids.subList(start, Math.min(ids.size(), start + LOOKUP_CHUNK));
			this.accounts.findAll(orgId, chunk).forEach((user) -> found.add(user.id()));
		}
		return found;
	}

	record CreateUsersRequest(@NotNull @Min(1) @Max(MAX_USERS) Integer count,
			@NotNull @Pattern(regexp = "[A-Za-z0-9_.]{1,24}",
					message = "must be 1-24 of A-Z, a-z, 0-9, '_' and '.'") String prefix) {
	}

	record BenchUsers(List<BenchUser> users) {
	}

	record BenchUser(long id, String username, String token) {
	}

	record PublishRequest(@Nullable @Size(min = 1, max = MAX_USERS) List<@NotNull @Positive Long> userIds,
			@Nullable @Positive Long fromUserId, @Nullable @Positive Long toUserId,
			@NotNull @Min(1) @Max(100_000) Integer perUser, @NotNull @Min(1) @Max(1_000_000) Integer ratePerSecond,
			@Nullable String destination) {
	}

	record BroadcastRequest(@NotNull @Min(1) @Max(1_000_000) Integer count,
			@NotNull @Min(1) @Max(100_000) Integer ratePerSecond) {
	}

}
