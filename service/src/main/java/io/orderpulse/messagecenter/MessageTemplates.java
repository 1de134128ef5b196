package io.orderpulse.messagecenter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.platform.Problems.FieldProblem;
import io.orderpulse.messagecenter.internal.TemplateRepository;
import io.orderpulse.messagecenter.template.TemplateException;
import io.orderpulse.messagecenter.template.TemplateRenderer;
import io.orderpulse.messagecenter.template.TemplateRenderer.Compiled;
import io.orderpulse.messagecenter.template.TemplateSettings;
import io.orderpulse.messagecenter.template.VariableValues;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Message templates (seed 003, section 5.3): an organization's admins keep them, preview
 * them with variables, and send messages rendered from them through the {@link Inbox}.
 * Every operation is scoped to the caller's organization; another organization's template
 * is not found.
 */
@Service
public class MessageTemplates {

	/** The longest rendered title and content a message may have. */
	static final int MAX_TITLE = 200;

	static final int MAX_CONTENT = 10_000;

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

	private final TemplateRepository templates;

	private final TemplateRenderer renderer;

	private final TemplateSettings settings;

	private final Inbox inbox;

	MessageTemplates(TemplateRepository templates, TemplateRenderer renderer, TemplateSettings settings, Inbox inbox) {
		this.templates = templates;
		this.renderer = renderer;
		this.settings = settings;
		this.inbox = inbox;
	}

	/**
	 * Creates a template after checking its variables and both templates' syntax.
	 * @throws ErrorResponseException 400 naming each bad field, 409 if the name is taken
	 */
	@Transactional
	public MessageTemplate create(AuthenticatedUser admin, TemplateDraft draft) {
		check(draft);
		try {
			return this.templates.insert(admin.orgId(), admin.userId(), draft);
		}
		catch (DuplicateKeyException ex) {
			throw TemplateProblems.nameTaken(draft.name());
		}
	}

	@Transactional(readOnly = true)
	public TemplatePage list(AuthenticatedUser admin, @Nullable String category, @Nullable Boolean enabled, int page,
			int size) {
		List<MessageTemplate> items = this.templates.list(admin.orgId(), category, enabled, size, (page - 1L) * size);
		long total = this.templates.count(admin.orgId(), category, enabled);
		return new TemplatePage(items, page, size, total, (total + size - 1) / size);
	}

	@Transactional(readOnly = true)
	public MessageTemplate get(AuthenticatedUser admin, long templateId) {
		return this.templates.find(admin.orgId(), templateId)
			.orElseThrow(() -> TemplateProblems.templateNotFound(templateId));
	}

	/**
	 * Replaces a template.
	 */
	@Transactional
	public MessageTemplate update(AuthenticatedUser admin, long templateId, TemplateDraft draft) {
		get(admin, templateId);
		check(draft);
		try {
			this.templates.update(admin.orgId(), templateId, draft);
		}
		catch (DuplicateKeyException ex) {
			throw TemplateProblems.nameTaken(draft.name());
		}
		return get(admin, templateId);
	}

	@Transactional
	public void delete(AuthenticatedUser admin, long templateId) {
		if (!this.templates.delete(admin.orgId(), templateId)) {
			throw TemplateProblems.templateNotFound(templateId);
		}
	}

	/**
	 * Renders a template with variables, enabled or not.
	 * @throws ErrorResponseException 400 naming each missing or mistyped variable, or a
	 * sandbox limit that was exceeded
	 */
	public RenderedMessage preview(AuthenticatedUser admin, long templateId, Map<String, Object> variables) {
		return render(get(admin, templateId), variables);
	}

	/**
	 * Renders an enabled template and sends the message like {@link Inbox#send} (or
	 * {@link Inbox#sendToAllUsers}); the message's {@code metadata.customData.templateId}
	 * names the template.
	 * @throws ErrorResponseException 409 if the template is disabled, 400 if the rendered
	 * title or content is empty or too long
	 */
	public Sent send(AuthenticatedUser admin, long templateId, TemplateSend request) {
		MessageTemplate template = get(admin, templateId);
		if (!template.enabled()) {
			throw TemplateProblems.disabled(templateId);
		}
		RenderedMessage rendered = render(template, request.variables());
		List<FieldProblem> problems = new ArrayList<>();
		checkLength(problems, "title", rendered.title(), MAX_TITLE);
		checkLength(problems, "content", rendered.content(), MAX_CONTENT);
		if (!problems.isEmpty()) {
			throw TemplateProblems.invalid(problems);
		}
		MessageDraft draft = new MessageDraft(template.messageType(), rendered.title(), rendered.content(),
				(request.priority() != null) ? request.priority() : template.priority(),
				(request.category() != null) ? request.category() : template.category(),
				withTemplate(request.metadata(), templateId), request.expireTime());
		if (request.allUsers()) {
			return this.inbox.sendToAllUsers(admin, draft);
		}
		Long receiverId = request.receiverId();
		return switch (request.receiverType()) {
			case USER, USER_GROUP -> {
				if (receiverId == null) {
					throw TemplateProblems.invalid("receiverId", "must not be null for " + request.receiverType());
				}
				yield this.inbox.send(admin, request.receiverType(), receiverId, draft);
			}
			case ORGANIZATION, BROADCAST -> this.inbox.send(admin, request.receiverType(),
					(receiverId != null) ? receiverId : admin.orgId(), draft);
		};
	}

	private RenderedMessage render(MessageTemplate template, Map<String, Object> variables) {
		VariableValues.Result values = VariableValues.convert(template.variables(), variables, "variables",
				this.settings);
		if (!values.problems().isEmpty()) {
			throw TemplateProblems.invalid(values.problems());
		}
		Set<String> declared = names(template.variables());
		return new RenderedMessage(render("title", template.title(), declared, values.values()),
				render("content", template.content(), declared, values.values()));
	}

	private String render(String field, String source, Set<String> declared, Map<String, Object> values) {
		try {
			Compiled compiled = this.renderer.compile(source, declared);
			return this.renderer.render(List.of(compiled), values).get(0);
		}
		catch (TemplateException ex) {
			throw switch (ex.kind()) {
				case TIMEOUT -> TemplateProblems.renderTimeout(ex.getMessage());
				case OUTPUT -> TemplateProblems.outputTooLarge(ex.getMessage());
				case SYNTAX, RENDER -> TemplateProblems.invalid(field, "cannot be rendered: " + ex.getMessage());
			};
		}
	}

	private void check(TemplateDraft draft) {
		List<FieldProblem> problems = new ArrayList<>();
		List<TemplateVariable> variables = draft.variables();
		if (variables.size() > this.settings.maxVariables()) {
			problems.add(new FieldProblem("variables", "at most " + this.settings.maxVariables() + " variables"));
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < variables.size(); i++) {
			TemplateVariable variable = variables.get(i);
			String field = "variables[" + i + "]";
			if (!NAME.matcher(variable.name()).matches()) {
				problems.add(new FieldProblem(field + ".name",
						"must be a letter followed by up to 63 letters, digits or underscores"));
			}
			else if (!seen.add(variable.name())) {
				problems.add(new FieldProblem(field + ".name", "'" + variable.name() + "' is declared twice"));
			}
			if (variable.defaultValue() != null) {
				try {
					VariableValues.convert(variable.type(), variable.defaultValue(), this.settings);
				}
				catch (IllegalArgumentException ex) {
					problems.add(new FieldProblem(field + ".defaultValue", ex.getMessage()));
				}
			}
		}
		Set<String> declared = names(variables);
		compileChecked(problems, "title", draft.title(), declared);
		compileChecked(problems, "content", draft.content(), declared);
		if (!problems.isEmpty()) {
			throw TemplateProblems.invalid(problems);
		}
	}

	private void compileChecked(List<FieldProblem> problems, String field, String source, Set<String> declared) {
		if (source.length() > this.settings.maxTemplateLength()) {
			problems.add(new FieldProblem(field, "must be at most " + this.settings.maxTemplateLength()
					+ " characters (it has " + source.length() + ")"));
			return;
		}
		try {
			this.renderer.compile(source, declared);
		}
		catch (TemplateException ex) {
			problems.add(new FieldProblem(field, ex.getMessage()));
		}
	}

	private static void checkLength(List<FieldProblem> problems, String field, String text, int max) {
		if (text.isBlank() || text.length() > max) {
			problems.add(new FieldProblem(field,
					"the rendered " + field + " must be 1-" + max + " characters (it has " + text.length() + ")"));
		}
	}

	private static Set<String> names(List<TemplateVariable> variables) {
		Set<String> names = new HashSet<>();
		variables.forEach((variable) -> names.add(variable.name()));
		return names;
	}

	private static MessageMetadata withTemplate(@Nullable MessageMetadata metadata, long templateId) {
		Map<String, Object> custom = new LinkedHashMap<>();
		if (metadata != null && metadata.customData() != null) {
			custom.putAll(metadata.customData());
		}
		custom.put("templateId", templateId);
		return (metadata != null)
				? new MessageMetadata(metadata.actionUrl(), metadata.actionText(), metadata.attachments(), custom)
				: new MessageMetadata(null, null, null, custom);
	}

}
