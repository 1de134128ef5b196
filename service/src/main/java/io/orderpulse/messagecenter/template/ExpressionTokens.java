package io.orderpulse.messagecenter.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderpulse.messagecenter.template.SeedTemplateSyntax.TemplateSyntaxException;

/**
 * The scanner of the seed's template expressions: splits an expression into tokens
 * (numbers, operators, names and quoted texts) and classifies operators.
 */
final class ExpressionTokens {

	/** Every token but quoted texts, which {@code tokens} reads by hand. */
	private static final Pattern TOKEN = Pattern.compile("""
			(?:\
			(?<number>-?\\d+(?:\\.\\d+)?)\
			|(?<op>==|!=|<=|>=|&&|\\|\\||[<>!|(),.\\[\\]])\
			|(?<name>[A-Za-z_][A-Za-z0-9_]*)\
			)""");

	private ExpressionTokens() {
	}

	/**
	 * The expression's tokens, quoted texts in single quotes. Quoted texts are read by
	 * hand rather than by a pattern, since Java's patterns recurse once per character of
	 * {@code '(?:[^'\\]|\\.)*'} (3,000 characters overflowed the stack).
	 * @param error makes the exception for a message, naming where the expression is
	 */
	static List<String> tokens(String text, Function<String, TemplateSyntaxException> error) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text);
		int index = 0;
		while (true) {
			while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
				index++;
			}
			if (index == text.length()) {
				return tokens;
			}
			char c = text.charAt(index);
			if (c == '\'' || c == '"') {
				StringBuilder quoted = new StringBuilder();
				int end = index + 1;
				while (end < text.length() && text.charAt(end) != c) {
					if (text.charAt(end) == '\\' && end + 1 < text.length()) {
						end++;
					}
					quoted.append(text.charAt(end++));
				}
				if (end == text.length()) {
					throw error.apply("a quoted text is never closed in '" + text.strip() + "'");
				}
				if (quoted.length() > SeedTemplateSyntax.MAX_TEXT) {
					throw error.apply("a quoted text may have at most " + SeedTemplateSyntax.MAX_TEXT
							+ " characters (this one has " + quoted.length() + ")");
				}
				tokens.add(quote(quoted.toString()));
				index = end + 1;
				continue;
			}
			matcher.region(index, text.length());
			if (!matcher.lookingAt()) {
				throw error.apply("unexpected '" + c + "' in '" + text.strip() + "'");
			}
			tokens.add(matcher.group().strip());
			index = matcher.end();
		}
	}

	/** Operators that add a level to Pebble's expression tree. */
	static boolean isNesting(String token) {
		return switch (token) {
			case "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "and", "or", "not", "is", "|", ".", "[" -> true;
			default -> false;
		};
	}

	static boolean isOperator(String token) {
		return switch (token) {
			case "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "and", "or", "not", "is", ",", "|" -> true;
			default -> false;
		};
	}

	/** A Pebble string literal of any text. */
	private static String quote(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	static String unquote(String literal) {
		String body = literal.substring(1, literal.length() - 1);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '\\' && i + 1 < body.length()) {
				text.append(body.charAt(++i));
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

}
