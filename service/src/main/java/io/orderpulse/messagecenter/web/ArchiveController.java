package io.orderpulse.messagecenter.web;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.messagecenter.Inbox;
import io.orderpulse.messagecenter.Message;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Archiving messages (seed 003's per-recipient {@code archived}): an archived message
 * leaves the caller's default list and unread count and is listed with
 * {@code archived=true}.
 */
@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "Messages")
@SecurityRequirement(name = "bearer")
class ArchiveController {

	private final Inbox inbox;

	ArchiveController(Inbox inbox) {
		this.inbox = inbox;
	}

	@PutMapping("/{messageId}/archive")
	@Operation(summary = "Archive one of your messages (for you only)")
	Message archive(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long messageId) {
		return this.inbox.archive(caller, messageId, true);
	}

	@PutMapping("/{messageId}/unarchive")
	@Operation(summary = "Bring one of your archived messages back to your inbox")
	Message unarchive(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long messageId) {
		return this.inbox.archive(caller, messageId, false);
	}

}
