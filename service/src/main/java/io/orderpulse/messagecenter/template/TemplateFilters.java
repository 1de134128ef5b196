package io.orderpulse.messagecenter.template;

import java.util.List;
import java.util.Map;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

/**
 * The filters the engine adds to Pebble's: {@code truthy}, which the translator puts
 * around every operand of a condition, and a {@code join} bounded by the output limit.
 */
final class TemplateFilters {

	static final String JOIN = "join";

	static final String TRUTHY = "truthy";

	private TemplateFilters() {
	}

	/**
	 * The filters by name, for the engine.
	 * @param maxOutput the most characters one rendering may produce
	 */
	static Map<String, Filter> all(long maxOutput) {
		return Map.of(TRUTHY, new Truthy(), JOIN, new BoundedJoin(maxOutput));
	}

	/**
	 * Whether a value counts as true in a condition: false, null, zero and empty text,
	 * lists and maps do not.
	 */
	private static final class Truthy implements Filter {

		@Override
		public List<String> getArgumentNames() {
			return List.of();
		}

		@Override
		public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			return switch (input) {
				case null -> false;
				case Boolean bool -> bool;
				case Number number -> number.doubleValue() != 0;
				case CharSequence text -> !text.isEmpty();
				case java.util.Collection<?> items -> !items.isEmpty();
				case Map<?, ?> map -> !map.isEmpty();
				default -> true;
			};
		}

	}

	/**
	 * {@code join(separator)}, like Pebble's, but it stops as soon as the text passes the
	 * output limit: such a text could never be written, and building it first is what
	 * exhausted memory (45,000 items glued with 90,000 characters).
	 */
	private static final class BoundedJoin implements Filter {

		private final long maxOutput;

		BoundedJoin(long maxOutput) {
			this.maxOutput = maxOutput;
		}

		@Override
		public List<String> getArgumentNames() {
			return List.of("separator");
		}

		@Override
		public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
				int lineNumber) {
			if (input == null) {
				return null;
			}
			if (!(input instanceof java.util.Collection<?> items)) {
				throw new IllegalArgumentException("join needs a list, not " + input.getClass().getSimpleName());
			}
			String separator = (args.get("separator") != null) ? String.valueOf(args.get("separator")) : "";
			StringBuilder text = new StringBuilder();
			boolean first = true;
			for (Object item : items) {
				String piece = String.valueOf(item);
				long length = (long) text.length() + (first ? 0 : separator.length()) + piece.length();
				if (length > this.maxOutput) {
					throw RenderBudget.tooLarge(this.maxOutput);
				}
				if (!first) {
					text.append(separator);
				}
				text.append(piece);
				first = false;
			}
			return text.toString();
		}

	}

}
