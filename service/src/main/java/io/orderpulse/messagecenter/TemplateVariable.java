package io.orderpulse.messagecenter;

import org.jspecify.annotations.Nullable;

/**
 * A variable a message template declares.
 *
 * @param name letters, digits and underscores, starting with a letter
 * @param type what its value must be
 * @param required whether every rendering must supply it (a default counts)
 * @param defaultValue used when it is not supplied; of the declared type
 * @param description what it means, for the admin who fills it in
 */
public record TemplateVariable(String name, VariableType type, boolean required, @Nullable Object defaultValue,
		@Nullable String description) {

}
