package io.orderpulse.messagecenter.template;

import java.util.List;

import io.orderpulse.messagecenter.template.SeedTemplateSyntax.TemplateSyntaxException;

/**
 * Translates one expression of the seed's syntax (a printed value, a loop's list or a
 * condition) into Pebble's, admitting only variable paths, literals, comparison and
 * boolean operators, the allowed filters and the seed's functions.
 */
final class ExpressionTranslator {

	private final Scope scope;

	ExpressionTranslator(Scope scope) {
		this.scope = scope;
	}

	/**
	 * Checks an expression token by token and returns it in Pebble's syntax. In a
	 * condition, each operand that is not a comparison is passed through the
	 * {@code truthy} filter, because Pebble's {@code if} accepts only booleans and the
	 * seed's {@code {if affectedServices}} tests a list.
	 * @param value whether it is a printed value or loop source (a path with filters)
	 * rather than a condition
	 */
	String expression(String text, int at, boolean value) {
		List<String> tokens = ExpressionTokens.tokens(text, (message) -> this.scope.error(at, message));
		if (tokens.isEmpty()) {
			throw this.scope.error(at, "empty expression");
		}
		long operators = tokens.stream().filter(ExpressionTokens::isNesting).count();
		if (operators > SeedTemplateSyntax.MAX_OPERATORS) {
			throw this.scope.error(at, "an expression may have at most " + SeedTemplateSyntax.MAX_OPERATORS
					+ " operators (this one has " + operators + "): and, or, not, comparisons, filters, '.' and '['");
		}
		StringBuilder pebble = new StringBuilder();
		StringBuilder operand = new StringBuilder();
		boolean comparison = false;
		String previous = null;
		int groups = 0;
		int arguments = 0;
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i);
			if ("|".equals(previous)) {
				if (!SeedTemplateSyntax.FILTERS.contains(token)) {
					throw this.scope.error(at, "unknown filter '" + token + "' (allowed: "
							+ String.join(", ", SeedTemplateSyntax.FILTERS.stream().sorted().toList()) + ")");
				}
				operand.append(' ').append(token);
				if (i + 1 < tokens.size() && tokens.get(i + 1).equals("(")) {
					operand.append('(');
					arguments++;
					i++;
					previous = "(";
				}
				else {
					previous = token;
				}
				continue;
			}
			switch (token) {
				case "|" -> {
					if (previous == null || ExpressionTokens.isOperator(previous) || previous.equals("(")) {
						throw this.scope.error(at, "a filter needs a value before '|'");
					}
					operand.append(" |");
				}
				case "(" -> {
					if (value
							|| (previous != null && !ExpressionTokens.isOperator(previous) && !previous.equals("("))) {
						throw this.scope.error(at, "function and method calls are not allowed");
					}
					if (++groups > SeedTemplateSyntax.MAX_DEPTH) {
						throw this.scope.error(at, "parentheses nest deeper than " + SeedTemplateSyntax.MAX_DEPTH);
					}
					pebble.append(" (");
				}
				case ")" -> {
					if (arguments > 0) {
						arguments--;
						operand.append(')');
					}
					else {
						if (--groups < 0) {
							throw this.scope.error(at, "unbalanced ')'");
						}
						pebble.append(operand(operand, comparison)).append(" )");
						operand.setLength(0);
						comparison = false;
					}
				}
				case "and", "&&", "or", "||", "not", "!" -> {
					if (token.equals("not") && "is".equals(previous)) {
						operand.append(" not");
						previous = token;
						continue;
					}
					if (value) {
						throw this.scope.error(at, "'" + token + "' belongs in {if ...}, not in a value");
					}
					if (arguments > 0) {
						throw this.scope.error(at, "'" + token + "' inside filter arguments");
					}
					pebble.append(operand(operand, comparison));
					operand.setLength(0);
					comparison = false;
					pebble.append(switch (token) {
						case "&&" -> " and";
						case "||" -> " or";
						case "!" -> " not";
						default -> " " + token;
					});
				}
				case "==", "!=", "<", ">", "<=", ">=", "is" -> {
					if (value) {
						throw this.scope.error(at, "'" + token + "' belongs in {if ...}, not in a value");
					}
					comparison = true;
					operand.append(' ').append(token);
				}
				case "." -> {
					String next = (i + 1 < tokens.size()) ? tokens.get(i + 1) : "";
					if (previous == null || !SeedTemplateSyntax.NAME.matcher(next).matches()) {
						throw this.scope.error(at, "'.' must be followed by a property name");
					}
					operand.append('.').append(next);
					previous = next;
					i++;
					continue;
				}
				case "[", "]", "," -> operand.append(token.equals(",") ? ", " : token);
				default -> {
					if (token.startsWith("'")) {
						operand.append(' ').append(this.scope.text(ExpressionTokens.unquote(token)));
					}
					else if (Character.isDigit(token.charAt(0)) || token.startsWith("-")) {
						operand.append(' ').append(token);
					}
					else if (token.equals("empty") || token.equals("null") || token.equals("true")
							|| token.equals("false")) {
						operand.append(' ').append(token);
					}
					else {
						if (!"[".equals(previous) && previous != null && !ExpressionTokens.isOperator(previous)
								&& !previous.equals("(") && !previous.equals(",")) {
							throw this.scope.error(at, "unexpected '" + token + "' after '" + previous + "'");
						}
						if (SeedTemplateSyntax.FUNCTIONS.contains(token) && i + 1 < tokens.size()
								&& tokens.get(i + 1).equals("(")) {
							// one of the seed's functions; its arguments are checked
							// like the rest
							operand.append(' ').append(token).append('(');
							arguments++;
							i++;
							previous = "(";
							continue;
						}
						this.scope.root(token, at);
						operand.append(' ').append(token);
					}
				}
			}
			previous = token;
		}
		if ("|".equals(previous)) {
			throw this.scope.error(at, "a filter name must follow '|'");
		}
		if (groups != 0 || arguments != 0) {
			throw this.scope.error(at, "unbalanced '('");
		}
		if (value) {
			return operand.toString().strip();
		}
		return pebble.append(operand(operand, comparison)).toString().strip();
	}

	/**
	 * A condition's operand: comparisons as they are, anything else made a boolean.
	 */
	private static String operand(StringBuilder operand, boolean comparison) {
		String text = operand.toString().strip();
		if (text.isEmpty()) {
			return "";
		}
		if (comparison) {
			return " (" + text + ")";
		}
		return " (" + text + " | truthy)";
	}

	/**
	 * What an expression needs of the template around it.
	 */
	interface Scope {

		/**
		 * Checks that a root variable is declared, built in or a loop's, and records it.
		 * @throws TemplateSyntaxException if it is none of these
		 */
		void root(String name, int at);

		/**
		 * A hidden variable holding a text, so that no text is ever lexed by Pebble.
		 * @return the variable's name
		 */
		String text(String value);

		/** An error at a position of the template. */
		TemplateSyntaxException error(int at, String message);

	}

}
