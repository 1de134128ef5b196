package io.orderpulse.messagecenter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message template to create, or to replace one with.
 *
 * @param name 1-100 characters, unique in the organization
 * @param description up to 500 characters
 * @param category up to 50 characters
 * @param messageType the type of the messages sent with it
 * @param priority the priority of the messages sent with it
 * @param title the title template
 * @param content the content template
 * @param variables the declared variables
 * @param enabled whether messages may be sent with it
 */
public record TemplateDraft(String name, @Nullable String description, @Nullable String category,
		MessageType messageType, Priority priority, String title, String content, List<TemplateVariable> variables,
		boolean enabled) {

}
