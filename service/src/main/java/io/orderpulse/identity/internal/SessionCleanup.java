package io.orderpulse.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the rows of login sessions ({@code user_sessions}, one per login) that no token
 * can use any more: those whose last access token expired ({@code expires_at}, set at
 * login to the access-token TTL later) and those that were revoked, each only once the
 * clock-skew allowance and a {@link #MARGIN} have passed too. A token whose session row
 * is gone is refused like a revoked one ({@link AccessRevocations}: a missing row is not
 * an open session), and this node's cache forgets the deleted sessions at once; another
 * node's cache reloads within a minute, long after the tokens expired. Runs on one node
 * at a time (ShedLock), in batches so no statement holds many row locks.
 * <p>
 * Refresh tokens (issue 23) extend a session: each refresh must move {@code expires_at}
 * to the expiry of what it issues, and this job then needs no change.
 */
@Component
class SessionCleanup {

	/** How long past the end of its tokens a session's row is kept. */
	static final Duration MARGIN = Duration.ofHours(1);

	private static final int BATCH = 10_000;

	private static final Logger log = LoggerFactory.getLogger(SessionCleanup.class);

	private final SessionRepository sessions;

	private final AccessRevocations revocations;

	private final IdentitySettings settings;

	SessionCleanup(SessionRepository sessions, AccessRevocations revocations, IdentitySettings settings) {
		this.sessions = sessions;
		this.revocations = revocations;
		this.settings = settings;
	}

	@Scheduled(fixedDelayString = "${orderpulse.identity.session-cleanup-interval:1h}", initialDelayString = "5m")
	@SchedulerLock(name = "identity.purgeSessions", lockAtMostFor = "PT30M")
	void purge() {
		Instant before = Instant.now().minus(this.settings.clockSkew()).minus(MARGIN);
		int deleted = 0;
		List<UUID> batch;
		do {
			batch = this.sessions.deleteEnded(before, before, BATCH);
			this.revocations.forgetSessions(batch);
			deleted += batch.size();
		}
		while (batch.size() == BATCH);
		if (deleted > 0) {
			log.info("Deleted {} login sessions that ended before {}", deleted, before);
		}
	}

}
