package io.orderpulse.messagecenter;

/**
 * A template's title and content rendered with a set of variables.
 *
 * @param title the rendered title
 * @param content the rendered content
 */
public record RenderedMessage(String title, String content) {

}
