package io.orderpulse.messagecenter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of the caller's messages, newest first.
 *
 * @param items the messages
 * @param page the page number, from 1 (0 when the page was asked for by cursor)
 * @param size the page size
 * @param totalItems how many messages match the filter, or the most that are counted (a
 * list's {@code count-limit}, a search's {@code search-candidates}) when there are more
 * @param totalPages how many pages of this size they fill
 * @param totalItemsCapped whether more messages match than {@code totalItems} says (a
 * search shows only the newest {@code totalItems} matches; a list goes on by page or
 * cursor)
 * @param unreadCount the caller's unread messages, regardless of the filter
 * @param nextCursor pass as {@code after} for the following page; none at the end
 */
public record MessagePage(List<Message> items, int page, int size, long totalItems, long totalPages,
		boolean totalItemsCapped, long unreadCount, @Nullable String nextCursor) {

}
