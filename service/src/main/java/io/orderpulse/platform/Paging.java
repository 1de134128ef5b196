package io.orderpulse.platform;

/**
 * Bounds of the page numbers every paged list of the API accepts.
 */
public final class Paging {

	/**
	 * The highest page number a list accepts ({@code @Max(Paging.MAX_PAGE)} on each
	 * {@code page} parameter); higher ones are a 400 naming {@code page}. With the
	 * largest page size (100) it skips at most a million rows: deeper offsets would make
	 * the database scan and discard that many rows for nothing, and {@code page * size}
	 * of an unbounded page overflowed into a negative offset (a 500). Lists that really
	 * go deeper page by cursor (the inbox's {@code before}).
	 */
	public static final int MAX_PAGE = 10_000;

	private Paging() {
	}

}
