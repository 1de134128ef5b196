package io.orderpulse.messagecenter.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.messagecenter.Inbox;
import io.orderpulse.messagecenter.MessageFilter;
import io.orderpulse.messagecenter.MessagePage;
import io.orderpulse.messagecenter.MessageProblems;
import io.orderpulse.messagecenter.MessageReports;
import io.orderpulse.messagecenter.MessageReports.GroupBy;
import io.orderpulse.messagecenter.MessageStatistics;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.messagecenter.RecipientStatus;
import io.orderpulse.messagecenter.UserMessageStatistics;
import io.orderpulse.platform.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Searching the caller's messages, and message statistics (seed 003, sections 6.1.1 and
 * 6.1.3).
 */
@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "Messages")
@SecurityRequirement(name = "bearer")
class MessageSearchController {

	/** The longest statistics range, in days. */
	private static final int MAX_DAYS = 366;

	private final Inbox inbox;

	private final MessageReports reports;

	MessageSearchController(Inbox inbox, MessageReports reports) {
		this.inbox = inbox;
		this.reports = reports;
	}

	@GetMapping("/search")
	@Operation(summary = "Search your messages' titles and contents",
			description = "q: 2-100 characters, matched as a substring ignoring case (a Chinese word inside a sentence too). "
					+ "Title matches first, then those where q occurs most often, then newest first.")
	MessagePage search(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable RecipientStatus status,
			@RequestParam(required = false) @Nullable MessageType messageType,
			@RequestParam(required = false) @Nullable Priority priority,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate startDate,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate endDate) {
		if (q == null) {
			throw MessageProblems.invalidField("q", "is required");
		}
		return this.inbox.search(caller, q,
				new MessageFilter(status, messageType, priority, category, startDate, endDate), page, size);
	}

	@GetMapping("/statistics")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Your organization's sent messages: recipients, reads, read rate and time, by period and type",
			description = "Dates are UTC days, both inclusive (default: the last 30 days up to today); groupBy day (default), "
					+ "week or month; at most 366 days.")
	MessageStatistics statistics(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate startDate,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate endDate,
			@RequestParam(defaultValue = "day") String groupBy) {
		GroupBy unit = Arrays.stream(GroupBy.values())
			.filter((candidate) -> candidate.name().equalsIgnoreCase(groupBy))
			.findFirst()
			.orElseThrow(() -> MessageProblems.invalidField("groupBy", "must be day, week or month"));
		LocalDate end = (endDate != null) ? endDate : LocalDate.now(ZoneOffset.UTC);
		LocalDate start = (startDate != null) ? startDate : end.minusDays(29);
		if (start.isAfter(end)) {
			throw MessageProblems.invalidField("startDate", "must not be after endDate");
		}
		if (start.plusDays(MAX_DAYS).isBefore(end.plusDays(1))) {
			throw MessageProblems.invalidField("endDate", "must be at most " + MAX_DAYS + " days after startDate");
		}
		return this.reports.organization(caller.orgId(), start, end, unit);
	}

	@GetMapping("/user-statistics")
	@Operation(summary = "Your inbox in numbers: total, unread, read, read rate and time, by type")
	UserMessageStatistics userStatistics(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.reports.user(caller);
	}

}
