package io.orderpulse.routing;

/**
 * Quiet hours of an organization or a user: messages that are not URGENT and fall in the
 * window are kept in the inbox at once, but pushed and sent through the other channels
 * when it ends (for routes that respect quiet hours, the default one included).
 *
 * @param enabled whether they apply (a user's disabled override switches the
 * organization's off for that user)
 * @param window the daily window and its time zone
 */
public record QuietHours(boolean enabled, TimeWindow window) {

}
