package io.orderpulse.messagecenter.template;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of message templates ({@code orderpulse.messagecenter.templates.*}): templates
 * are written by admins and rendered on request threads, so each is bounded.
 *
 * @param maxTemplateLength the longest title or content template, in characters
 * @param maxOutput the most text one rendering may produce (title and content together)
 * @param renderTimeout how long one rendering may take before it is aborted
 * @param maxVariables how many variables a template may declare
 * @param maxListItems the most items of one list (or entries of one object) in the values
 * of a rendering, at any depth
 * @param maxVariablesSize the most characters of values one rendering may be given in all
 * (texts, keys and numbers as written, one more per value)
 */
@ConfigurationProperties("orderpulse.messagecenter.templates")
public record TemplateSettings(@DefaultValue("20000") int maxTemplateLength, @DefaultValue("64KB") DataSize maxOutput,
		@DefaultValue("1s") Duration renderTimeout, @DefaultValue("50") int maxVariables,
		@DefaultValue("1000") int maxListItems, @DefaultValue("128KB") DataSize maxVariablesSize) {

}
