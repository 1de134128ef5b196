package io.orderpulse.messagecenter;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message template of an organization (seed 003, sections 4.2.1 and 6.1.2): a title and
 * a content in the template syntax, and the variables they use.
 *
 * @param templateId its id
 * @param name unique in the organization
 * @param description what it is for
 * @param category the category of the messages sent with it
 * @param messageType the type of the messages sent with it
 * @param priority the priority of the messages sent with it
 * @param title the title template
 * @param content the content template
 * @param variables the declared variables
 * @param enabled whether messages may be sent with it (previews always work)
 * @param orgId the organization
 * @param createdBy the admin who created it
 * @param createTime when it was created
 * @param updateTime when it was last changed
 */
public record MessageTemplate(long templateId, String name, @Nullable String description, @Nullable String category,
		MessageType messageType, Priority priority, String title, String content, List<TemplateVariable> variables,
		boolean enabled, long orgId, @Nullable Long createdBy, Instant createTime, Instant updateTime) {

}
