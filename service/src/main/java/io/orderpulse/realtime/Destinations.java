package io.orderpulse.realtime;

/**
 * The destinations of the gateway. Per-user queues are subscribed as
 * {@code /user/queue/<name>}; topics are scoped to the subscriber's organization.
 */
public final class Destinations {

	/** Order status for the buyer. */
	public static final String ORDER_UPDATES = "/user/queue/order-updates";

	/** Merchant alerts (new order, reminder). */
	public static final String ALERTS = "/user/queue/alerts";

	/** Message-center notifications. */
	public static final String MESSAGES = "/user/queue/messages";

	/** Announcements to everyone in an organization. */
	public static final String ANNOUNCEMENTS = "/topic/announcements";

	/** Order monitor for the organization's admins. */
	public static final String ADMIN_ORDER_UPDATES = "/topic/order-updates";

	/** ONLINE/OFFLINE of the organization's users, for admins. */
	public static final String PRESENCE = "/topic/presence";

	/** Remaining flash-sale stock. */
	public static final String FLASH_SALES = "/topic/flash-sales";

	private Destinations() {
	}

	/**
	 * Whether a destination names a per-user queue: {@code /user/queue/} and a name of
	 * lower-case letters, digits and dashes.
	 */
	public static boolean isUserQueue(String destination) {
		return destination.startsWith("/user/queue/") && destination.length() > 12 && destination.length() <= 100
				&& destination.substring(12)
					.chars()
					.allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
	}

}
