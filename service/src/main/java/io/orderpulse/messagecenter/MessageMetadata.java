package io.orderpulse.messagecenter;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a message carries besides its text (seed 003, section 4.2.1).
 *
 * @param actionUrl where the page links to
 * @param actionText the link's text
 * @param attachments files the message refers to
 * @param customData anything else, kept as sent
 */
public record MessageMetadata(@Nullable String actionUrl, @Nullable String actionText,
		@Nullable List<Attachment> attachments, @Nullable Map<String, Object> customData) {

	/**
	 * A file a message refers to.
	 */
	public record Attachment(@Nullable String name, @Nullable String url, @Nullable String type) {
	}

}
