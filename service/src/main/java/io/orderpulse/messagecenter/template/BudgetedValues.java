package io.orderpulse.messagecenter.template;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rendering's values with every list and map wrapped so that each step through them
 * ticks the {@link RenderBudget}: a loop stops as soon as the time is up.
 */
final class BudgetedValues {

	private BudgetedValues() {
	}

	/**
	 * The value, its lists and maps (at any depth) copied into ones that tick the budget.
	 */
	@SuppressWarnings("unchecked")
	static Object wrap(Object value, RenderBudget budget) {
		if (value instanceof List<?> list) {
			return new BudgetList(list.stream().map((item) -> wrap(item, budget)).toList(), budget);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((key, item) -> copy.put(key, wrap(item, budget)));
			return new BudgetMap(copy, budget);
		}
		return value;
	}

	private static final class BudgetList extends AbstractList<Object> {

		private final List<Object> items;

		private final RenderBudget budget;

		BudgetList(List<Object> items, RenderBudget budget) {
			this.items = items;
			this.budget = budget;
		}

		@Override
		public Object get(int index) {
			this.budget.tick();
			return this.items.get(index);
		}

		@Override
		public int size() {
			return this.items.size();
		}

	}

	private static final class BudgetMap extends AbstractMap<String, Object> {

		private final Map<String, Object> entries;

		private final RenderBudget budget;

		BudgetMap(Map<String, Object> entries, RenderBudget budget) {
			this.entries = entries;
			this.budget = budget;
		}

		@Override
		public Object get(Object key) {
			return this.entries.get(key);
		}

		@Override
		public boolean containsKey(Object key) {
			return this.entries.containsKey(key);
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			Set<Entry<String, Object>> entries = this.entries.entrySet();
			RenderBudget budget = this.budget;
			return new AbstractSet<>() {
				@Override
				public Iterator<Entry<String, Object>> iterator() {
					Iterator<Entry<String, Object>> iterator = entries.iterator();
					return new Iterator<>() {
						@Override
						public boolean hasNext() {
							return iterator.hasNext();
						}

						@Override
						public Entry<String, Object> next() {
							budget.tick();
							return iterator.next();
						}
					};
				}

				@Override
				public int size() {
					return entries.size();
				}
			};
		}

	}

}
