package io.orderpulse.messagecenter.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.Role;
import io.orderpulse.messagecenter.MessageProblems;
import io.orderpulse.messagecenter.MessageTemplate;
import io.orderpulse.messagecenter.MessageTemplates;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.messagecenter.ReceiverType;
import io.orderpulse.messagecenter.RenderedMessage;
import io.orderpulse.messagecenter.Sent;
import io.orderpulse.messagecenter.TemplateDraft;
import io.orderpulse.messagecenter.TemplatePage;
import io.orderpulse.messagecenter.TemplateSend;
import io.orderpulse.messagecenter.TemplateVariable;
import io.orderpulse.messagecenter.VariableType;
import io.orderpulse.messagecenter.internal.SendThrottle;
import io.orderpulse.messagecenter.web.MessageController.Metadata;
import io.orderpulse.messagecenter.web.MessageController.Scope;
import io.orderpulse.platform.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
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
 * Message templates (seed 003, section 6.1.2), for the admins of an organization.
 */
@RestController
@RequestMapping("/api/v1/message-templates")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Message templates")
@SecurityRequirement(name = "bearer")
class TemplateController {

	private final MessageTemplates templates;

	private final SendThrottle throttle;

	TemplateController(MessageTemplates templates, SendThrottle throttle) {
		this.templates = templates;
		this.throttle = throttle;
	}

	@PostMapping
	@Operation(summary = "Create a message template")
	ResponseEntity<MessageTemplate> create(@AuthenticationPrincipal AuthenticatedUser caller,
			@Valid @RequestBody TemplateRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.templates.create(caller, request.draft()));
	}

	@GetMapping
	@Operation(summary = "Your organization's message templates, newest first")
	TemplatePage list(@AuthenticationPrincipal AuthenticatedUser caller,
			@RequestParam(defaultValue = "1") @Min(1) @Max(Paging.MAX_PAGE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable Boolean enabled) {
		return this.templates.list(caller, category, enabled, page, size);
	}

	@GetMapping("/{templateId}")
	@Operation(summary = "One of your organization's message templates")
	MessageTemplate get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long templateId) {
		return this.templates.get(caller, templateId);
	}

	@PutMapping("/{templateId}")
	@Operation(summary = "Replace a message template")
	MessageTemplate update(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long templateId,
			@Valid @RequestBody TemplateRequest request) {
		return this.templates.update(caller, templateId, request.draft());
	}

	@DeleteMapping("/{templateId}")
	@Operation(summary = "Delete a message template")
	ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long templateId) {
		this.templates.delete(caller, templateId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{templateId}/preview")
	@Operation(summary = "Render a template's title and content with variables")
	RenderedMessage preview(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long templateId,
			@RequestBody(required = false) @Nullable PreviewRequest request) {
		return this.templates.preview(caller, templateId, (request != null) ? request.values() : Map.of());
	}

	@PostMapping("/{templateId}/send")
	@Operation(summary = "Send a message rendered from a template",
			description = "To a user (receiverType USER, the default), a group (USER_GROUP), your organization "
					+ "(ORGANIZATION or BROADCAST), or with scope ALL_USERS to everyone (platform administrators).")
	Sent send(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long templateId,
			@Valid @RequestBody SendRequest request) {
		boolean allUsers = request.scope() == Scope.ALL_USERS;
		if (allUsers && !caller.hasRole(Role.PLATFORM_ADMIN)) {
			throw MessageProblems.platformAdminRequired();
		}
		Duration wait = this.throttle.trySend(caller.userId());
		if (!wait.isZero()) {
			throw MessageProblems.tooManyMessages(wait);
		}
		return this.templates.send(caller, templateId, request.toSend(allUsers));
	}

	record TemplateRequest(@NotBlank @Size(max = 100) String name, @Nullable @Size(max = 500) String description,
			@Nullable @Size(max = 50) String category, @Nullable MessageType messageType, @Nullable Priority priority,
			@NotBlank String title, @NotBlank String content, @Nullable List<@Valid @NotNull Variable> variables,
			@Nullable Boolean enabled) {

		TemplateDraft draft() {
			List<TemplateVariable> declared = (this.variables != null)
					? this.variables.stream().map(Variable::toVariable).toList() : List.of();
			return new TemplateDraft(this.name, this.description, this.category,
					(this.messageType != null) ? this.messageType : MessageType.SYSTEM,
					(this.priority != null) ? this.priority : Priority.NORMAL, this.title, this.content, declared,
					this.enabled == null || this.enabled);
		}

	}

	record Variable(@NotBlank String name, @NotNull VariableType type, @Nullable Boolean required,
			@Nullable Object defaultValue, @Nullable @Size(max = 200) String description) {

		TemplateVariable toVariable() {
			return new TemplateVariable(this.name, this.type, Boolean.TRUE.equals(this.required), this.defaultValue,
					this.description);
		}

	}

	record PreviewRequest(@Nullable Map<String, Object> variables) {

		Map<String, Object> values() {
			return (this.variables != null) ? this.variables : Map.of();
		}

	}

	record SendRequest(@Nullable ReceiverType receiverType, @Nullable Long receiverId, @Nullable Scope scope,
			@Nullable Map<String, Object> variables, @Nullable @Valid Metadata metadata,
			@Nullable @Future Instant expireTime, @Nullable Priority priority,
			@Nullable @Size(max = 50) String category) {

		TemplateSend toSend(boolean allUsers) {
			ReceiverType type = (this.receiverType != null) ? this.receiverType
					: (this.scope != null) ? ReceiverType.BROADCAST : ReceiverType.USER;
			return new TemplateSend(type, this.receiverId, allUsers,
					(this.variables != null) ? this.variables : Map.of(),
					(this.metadata != null) ? this.metadata.toMetadata() : null, this.expireTime, this.priority,
					this.category);
		}

	}

}
