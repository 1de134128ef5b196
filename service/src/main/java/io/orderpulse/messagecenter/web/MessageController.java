package io.orderpulse.messagecenter.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;
import io.orderpulse.messagecenter.Inbox;
import io.orderpulse.messagecenter.Message;
import io.orderpulse.messagecenter.MessageDraft;
import io.orderpulse.messagecenter.MessageFilter;
import io.orderpulse.messagecenter.MessageMetadata;
import io.orderpulse.messagecenter.MessagePage;
import io.orderpulse.messagecenter.MessageProblems;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.messagecenter.ReceiverType;
import io.orderpulse.messagecenter.RecipientStatus;
import io.orderpulse.messagecenter.Sent;
import io.orderpulse.messagecenter.internal.SendThrottle;
import io.orderpulse.platform.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message center (seed 003, section 6.1.1): admins send within their organization,
 * everyone reads their own inbox. A message the caller did not receive answers 404.
 */
@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "Messages")
@SecurityRequirement(name = "bearer")
class MessageController {

	private final Inbox inbox;

	private final SendThrottle throttle;

	MessageController(Inbox inbox, SendThrottle throttle) {
		this.inbox = inbox;
		this.throttle = throttle;
	}

	@PostMapping("/send")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Send a message to a user of your organization")
	Sent send(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody SendToUser request) {
		throttle(caller);
		return this.inbox.send(caller, ReceiverType.USER, request.receiverId(), request.draft());
	}

	@PostMapping("/send-to-group")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Send a message to a user group or to your whole organization")
	Sent sendToGroup(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody SendToGroup request) {
		throttle(caller);
		ReceiverType type = (request.groupType() == GroupType.USER_GROUP) ? ReceiverType.USER_GROUP
				: ReceiverType.ORGANIZATION;
		return this.inbox.send(caller, type, request.groupId(), request.draft());
	}

	@PostMapping("/broadcast")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(
			summary = "Broadcast a message to everyone in your organization, or (platform administrators) to all users",
			description = "scope ALL_USERS needs role PLATFORM_ADMIN: else 403.")
	Sent broadcast(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody Broadcast request) {
		if (request.scope() == Scope.ALL_USERS) {
			if (!caller.hasRole(Role.PLATFORM_ADMIN)) {
				throw MessageProblems.platformAdminRequired();
			}
			throttle(caller);
			return this.inbox.sendToAllUsers(caller, request.draft());
		}
		throttle(caller);
		return this.inbox.send(caller, ReceiverType.BROADCAST, caller.orgId(), request.draft());
	}

	private void throttle(AuthenticatedUser caller) {
		Duration wait = this.throttle.trySend(caller.userId());
		if (!wait.isZero()) {
			throw MessageProblems.tooManyMessages(wait);
		}
	}

	@GetMapping
	@Operation(summary = "Your messages, newest first, with your unread count",
			description = "Page by number (page from 1) or, for endless scrolling, pass the nextCursor of the previous page as after.")
	MessagePage list(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable RecipientStatus status,
			@RequestParam(required = false) @Nullable MessageType messageType,
			@RequestParam(required = false) @Nullable Priority priority,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate startDate,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate endDate,
			@RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "false") boolean archived) {
		return this.inbox.list(caller,
				new MessageFilter(status, messageType, priority, category, startDate, endDate, archived), page, size,
				after);
	}

	@GetMapping("/unread-count")
	@Operation(summary = "How many of your messages are unread")
	Map<String, Long> unreadCount(@AuthenticationPrincipal AuthenticatedUser caller) {
		return Map.of("unreadCount", this.inbox.unreadCount(caller));
	}

	@GetMapping("/{messageId}")
	@Operation(summary = "One of your messages")
	Message get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long messageId) {
		return this.inbox.get(caller, messageId);
	}

	@PutMapping("/{messageId}/read")
	@Operation(summary = "Mark one of your messages read")
	Message read(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long messageId) {
		return this.inbox.read(caller, messageId);
	}

	@PutMapping("/batch-read")
	@Operation(summary = "Mark several of your messages read; ids that are not yours are ignored")
	Inbox.Changed batchRead(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody BatchRead request) {
		return this.inbox.readAll(caller, request.messageIds());
	}

	@PutMapping("/read-all")
	@Operation(summary = "Mark all your messages read")
	Inbox.Changed readAll(@AuthenticationPrincipal AuthenticatedUser caller) {
		return this.inbox.readAll(caller, null);
	}

	@DeleteMapping("/{messageId}")
	@Operation(summary = "Delete one of your messages (for you only)")
	ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long messageId) {
		this.inbox.delete(caller, messageId);
		return ResponseEntity.noContent().build();
	}

	enum GroupType {

		USER_GROUP, ORGANIZATION

	}

	enum Scope {

		ORGANIZATION, ALL_USERS

	}

	/**
	 * The fields every send request has.
	 */
	interface Content {

		@Nullable MessageType messageType();

		@Nullable String title();

		@Nullable String content();

		@Nullable Priority priority();

		@Nullable String category();

		@Nullable Metadata metadata();

		@Nullable Instant expireTime();

		default MessageDraft draft() {
			Metadata metadata = metadata();
			return new MessageDraft(messageType(), title(), content(),
					(priority() != null) ? priority() : Priority.NORMAL, category(),
					(metadata != null) ? metadata.toMetadata() : null, expireTime());
		}

	}

	record SendToUser(@NotNull Long receiverId, @NotNull MessageType messageType,
			@NotBlank @Size(max = 200, message = "must be 1-200 characters") String title,
			@NotBlank @Size(max = 10000, message = "must be 1-10000 characters") String content,
			@Nullable Priority priority, @Nullable @Size(max = 50) String category, @Nullable @Valid Metadata metadata,
			@Nullable @Future Instant expireTime) implements Content {
	}

	record SendToGroup(@NotNull Long groupId, @NotNull GroupType groupType, @NotNull MessageType messageType,
			@NotBlank @Size(max = 200, message = "must be 1-200 characters") String title,
			@NotBlank @Size(max = 10000, message = "must be 1-10000 characters") String content,
			@Nullable Priority priority, @Nullable @Size(max = 50) String category, @Nullable @Valid Metadata metadata,
			@Nullable @Future Instant expireTime) implements Content {
	}

	record Broadcast(@NotNull Scope scope, @NotNull MessageType messageType,
			@NotBlank @Size(max = 200, message = "must be 1-200 characters") String title,
			@NotBlank @Size(max = 10000, message = "must be 1-10000 characters") String content,
			@Nullable Priority priority, @Nullable @Size(max = 50) String category, @Nullable @Valid Metadata metadata,
			@Nullable @Future Instant expireTime) implements Content {
	}

	record Metadata(@Nullable @Size(max = 500) String actionUrl, @Nullable @Size(max = 100) String actionText,
			@Nullable @Size(max = 20) List<@Valid @NotNull Attachment> attachments,
			@Nullable Map<String, Object> customData) {

		MessageMetadata toMetadata() {
			List<MessageMetadata.Attachment> files = (this.attachments != null) ? this.attachments.stream()
				.map((a) -> new MessageMetadata.Attachment(a.name(), a.url(), a.type()))
				.toList() : null;
			return new MessageMetadata(this.actionUrl, this.actionText, files, this.customData);
		}

	}

	record Attachment(@Nullable @Size(max = 200) String name, @Nullable @Size(max = 500) String url,
			@Nullable @Size(max = 100) String type) {
	}

	record BatchRead(@NotEmpty @Size(max = 500) List<@NotNull Long> messageIds) {
	}

}
