package io.orderpulse.messagecenter;

import java.util.List;

/**
 * A page of an organization's message templates, newest first.
 *
 * @param items the templates
 * @param page the page number, from 1
 * @param size the page size
 * @param totalItems how many templates match
 * @param totalPages how many pages there are
 */
public record TemplatePage(List<MessageTemplate> items, int page, int size, long totalItems, long totalPages) {

}
