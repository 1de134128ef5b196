package io.orderpulse.messagecenter.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the template syntax of seed 003 (section 5.3.1) into Pebble's.
 * <p>
 * Why a translator: the seed writes both output and control with a single brace
 * ({@code {userName}}, {@code {if x}...{/if}}), and Pebble's lexer needs distinct
 * delimiters for print and execute tags, so no {@code Syntax} configuration can read it.
 * Translating is also where the sandbox starts: the translator emits only
 * {@code if/elseif/else/endif/for/endfor} tags and print tags whose expressions it has
 * checked token by token (variable paths, literals, comparison and boolean operators, a
 * short list of filters and the seed's three functions), so a template can neither call
 * any other function or a method nor include, import, extend or define anything. Literal
 * text never contains a brace (the seed's syntax has none: {@code \{} and {@code \}}
 * write them), so no Pebble delimiter can hide in it.
 * <ul>
 * <li>{@code {name}}, {@code {a.b}}, {@code {list[0].name}}: a value;</li>
 * <li>{@code {name:fallback}}: the value, or the text after the colon when it is missing
 * or empty;</li>
 * <li>{@code {when|date('yyyy-MM-dd')}}, {@code {name|upper}}: filters, chained;</li>
 * <li>{@code {if cond}...{elseif cond}...{else}...{/if}}: conditions with {@code ==},
 * {@code !=}, {@code <}, {@code >}, {@code <=}, {@code >=}, {@code and}/{@code &&},
 * {@code or}/{@code ||}, {@code not}/{@code !}, parentheses, {@code is empty},
 * {@code is null};</li>
 * <li>{@code {for item in list}...{else}...{/for}}: loops, with {@code loop.index},
 * {@code loop.first}, {@code loop.last} and {@code loop.length} inside;</li>
 * <li>{@code {date(timestamp, 'yyyy-MM-dd')}}, {@code {substring(text, 0, 10)}},
 * {@code {url(path, params)}}: the seed's three functions.</li>
 * </ul>
 */
public final class SeedTemplateSyntax {

	/** The filters a template may use, all pure functions of their input. */
	static final Set<String> FILTERS = Set.of("date", "upper", "lower", "capitalize", "title", "trim", "abbreviate",
			"default", "length", "first", "last", "join", "numberformat", "slice", "abs");

	/**
	 * The seed's functions: {@code date(value, 'pattern')},
	 * {@code substring(text, from, to)} and {@code url(path, params)}.
	 */
	static final Set<String> FUNCTIONS = Set.of("date", "substring", "url");

	/** Variables every template has unless it declares them itself. */
	static final Set<String> BUILT_IN = Set.of("currentDate", "currentTime");

	private static final int MAX_DEPTH = 16;

	/**
	 * The longest quoted or fallback text, in characters. Texts never reach Pebble's
	 * lexer (whose string pattern recurses once per escaped character): each becomes a
	 * hidden variable; the limit keeps templates what they are for.
	 */
	static final int MAX_TEXT = 1000;

	/**
	 * The most operators one expression may have. Pebble parses and evaluates an
	 * expression recursively, one level per operator: 5,000 {@code !} or 3,000 {@code or}
	 * overflowed the stack.
	 */
	static final int MAX_OPERATORS = 64;

	/** The names of the hidden variables that hold a template's texts. */
	static final String TEXT_PREFIX = "_text";

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

	private static final Pattern FOR = Pattern.compile("for\\s+([A-Za-z][A-Za-z0-9_]*)\\s+in\\s+(.+)", Pattern.DOTALL);

	/** Every token but quoted texts, which {@code tokens} reads by hand. */
	private static final Pattern TOKEN = Pattern.compile("""
			(?:\
			(?<number>-?\\d+(?:\\.\\d+)?)\
			|(?<op>==|!=|<=|>=|&&|\\|\\||[<>!|(),.\\[\\]])\
			|(?<name>[A-Za-z_][A-Za-z0-9_]*)\
			)""");

	private SeedTemplateSyntax() {
	}

	/**
	 * Translates a template.
	 * @param source the template in the seed's syntax
	 * @param declared the names of the declared variables
	 * @return the Pebble template and the variables it uses
	 * @throws TemplateSyntaxException naming the position of the first error
	 */
	public static Translation translate(String source, Set<String> declared) {
		return new Translator(source, declared).run();
	}

	/**
	 * A translated template.
	 *
	 * @param pebble the template in Pebble's syntax
	 * @param variables the root variables it reads (declared or built in)
	 * @param texts the template's quoted and fallback texts by the names of the hidden
	 * variables that stand for them in {@code pebble}
	 */
	public record Translation(String pebble, Set<String> variables, Map<String, String> texts) {
	}

	/**
	 * A template that does not follow the syntax, with the line and column of the
	 * problem.
	 */
	public static final class TemplateSyntaxException extends RuntimeException {

		TemplateSyntaxException(String message) {
			super(message);
		}

	}

	private static final class Translator {

		private final String source;

		private final Set<String> declared;

		private final StringBuilder out = new StringBuilder();

		private final Set<String> used = new LinkedHashSet<>();

		private final Map<String, String> texts = new LinkedHashMap<>();

		/** Open blocks: "if" or "for", with the loop variable for "for". */
		private final Deque<Block> blocks = new ArrayDeque<>();

		private int pos;

		Translator(String source, Set<String> declared) {
			this.source = source;
			this.declared = declared;
		}

		Translation run() {
			StringBuilder text = new StringBuilder();
			while (this.pos < this.source.length()) {
				char c = this.source.charAt(this.pos);
				if (c == '\\' && this.pos + 1 < this.source.length()
						&& (this.source.charAt(this.pos + 1) == '{' || this.source.charAt(this.pos + 1) == '}')) {
					flush(text);
					this.out.append("{{ '").append(this.source.charAt(this.pos + 1)).append("' }}");
					this.pos += 2;
				}
				else if (c == '{') {
					flush(text);
					tag();
				}
				else if (c == '}') {
					throw error(this.pos, "'}' without '{' (write \\} for a literal brace)");
				}
				else {
					text.append(c);
					this.pos++;
				}
			}
			flush(text);
			if (!this.blocks.isEmpty()) {
				Block open = this.blocks.peek();
				throw error(open.at(), "{" + open.kind() + "} is never closed with {/" + open.kind() + "}");
			}
			return new Translation(this.out.toString(), this.used, this.texts);
		}

		private void flush(StringBuilder text) {
			this.out.append(text);
			text.setLength(0);
		}

		private void tag() {
			int start = this.pos;
			int end = this.source.indexOf('}', start);
			if (end < 0) {
				throw error(start, "'{' is never closed with '}'");
			}
			String inner = this.source.substring(start + 1, end);
			String head = inner.strip();
			boolean block = true;
			if (head.startsWith("if ") || head.startsWith("if(")) {
				open(start, "if", null);
				this.out.append("{% if ").append(condition(head.substring(2), start)).append(" %}");
			}
			else if (head.startsWith("elseif ") || head.startsWith("else if ")) {
				requireOpen(start, "if", head);
				String cond = head.startsWith("elseif ") ? head.substring(7) : head.substring(8);
				this.out.append("{% elseif ").append(condition(cond, start)).append(" %}");
			}
			else if (head.equals("else")) {
				if (this.blocks.isEmpty()) {
					throw error(start, "{else} outside {if} or {for}");
				}
				this.out.append("{% else %}");
			}
			else if (head.equals("/if") || head.equals("/for")) {
				String kind = head.substring(1);
				requireOpen(start, kind, head);
				this.blocks.pop();
				this.out.append("{% end").append(kind).append(" %}");
			}
			else if (head.startsWith("for ")) {
				Matcher loop = FOR.matcher(head);
				if (!loop.matches()) {
					throw error(start, "write a loop as {for item in list}");
				}
				String list = expression(loop.group(2), start, true);
				open(start, "for", loop.group(1));
				// a missing list loops like an empty one (so that {else} applies)
				this.out.append("{% for ")
					.append(loop.group(1))
					.append(" in (")
					.append(list)
					.append(" | default([])) %}");
			}
			else {
				block = false;
				// a value: path, filters, then ":fallback" running to the closing brace
				int colon = fallbackColon(inner);
				String expression = (colon >= 0) ? inner.substring(0, colon) : inner;
				String printed = expression(expression, start, true);
				if (colon >= 0) {
					String fallback = inner.substring(colon + 1);
					if (fallback.length() > MAX_TEXT) {
						throw error(start, "a fallback text may have at most " + MAX_TEXT + " characters (this one has "
								+ fallback.length() + ")");
					}
					printed = printed + " | default(" + text(fallback) + ")";
				}
				this.out.append("{{ ").append(printed).append(" }}");
			}
			this.pos = end + 1;
			if (block) {
				standalone();
			}
		}

		/**
		 * A block tag alone on its line takes the whole line with it (its indentation and
		 * its line break), so that control lines leave no blank lines behind.
		 */
		private void standalone() {
			int lineStart = this.out.lastIndexOf("\n") + 1;
			int tagStart = this.out.lastIndexOf("{%");
			for (int i = lineStart; i < tagStart; i++) {
				if (this.out.charAt(i) != ' ' && this.out.charAt(i) != '\t') {
					return;
				}
			}
			int after = this.pos;
			while (after < this.source.length()
					&& (this.source.charAt(after) == ' ' || this.source.charAt(after) == '\t')) {
				after++;
			}
			if (after < this.source.length() && this.source.charAt(after) == '\r') {
				after++;
			}
			if (after < this.source.length() && this.source.charAt(after) != '\n') {
				return;
			}
			this.out.delete(lineStart, tagStart);
			this.pos = Math.min(after + 1, this.source.length());
		}

		/** The colon that starts a fallback: the first one outside quotes. */
		private static int fallbackColon(String inner) {
			char quote = 0;
			for (int i = 0; i < inner.length(); i++) {
				char c = inner.charAt(i);
				if (quote != 0) {
					if (c == '\\') {
						i++;
					}
					else if (c == quote) {
						quote = 0;
					}
				}
				else if (c == '\'' || c == '"') {
					quote = c;
				}
				else if (c == ':') {
					return i;
				}
			}
			return -1;
		}

		private void open(int at, String kind, String loopVariable) {
			if (this.blocks.size() >= MAX_DEPTH) {
				throw error(at, "blocks nest deeper than " + MAX_DEPTH);
			}
			this.blocks.push(new Block(kind, loopVariable, at));
		}

		private void requireOpen(int at, String kind, String tag) {
			if (this.blocks.isEmpty() || !this.blocks.peek().kind().equals(kind)) {
				String open = this.blocks.isEmpty() ? "no block is open"
						: "the open block is {" + this.blocks.peek().kind() + "}";
				throw error(at, "{" + tag + "} does not match: " + open);
			}
		}

		private String condition(String text, int at) {
			return expression(text, at, false);
		}

		/**
		 * Checks an expression token by token and returns it in Pebble's syntax. In a
		 * condition, each operand that is not a comparison is passed through the
		 * {@code truthy} filter, because Pebble's {@code if} accepts only booleans and
		 * the seed's {@code {if affectedServices}} tests a list.
		 * @param value whether it is a printed value or loop source (a path with filters)
		 * rather than a condition
		 */
		private String expression(String text, int at, boolean value) {
			List<String> tokens = tokens(text, at);
			if (tokens.isEmpty()) {
				throw error(at, "empty expression");
			}
			long operators = tokens.stream().filter(Translator::isNesting).count();
			if (operators > MAX_OPERATORS) {
				throw error(at, "an expression may have at most " + MAX_OPERATORS + " operators (this one has "
						+ operators + "): and, or, not, comparisons, filters, '.' and '['");
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
					if (!FILTERS.contains(token)) {
						throw error(at, "unknown filter '" + token + "' (allowed: "
								+ String.join(", ", FILTERS.stream().sorted().toList()) + ")");
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
						if (previous == null || isOperator(previous) || previous.equals("(")) {
							throw error(at, "a filter needs a value before '|'");
						}
						operand.append(" |");
					}
					case "(" -> {
						if (value || (previous != null && !isOperator(previous) && !previous.equals("("))) {
							throw error(at, "function and method calls are not allowed");
						}
						if (++groups > MAX_DEPTH) {
							throw error(at, "parentheses nest deeper than " + MAX_DEPTH);
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
								throw error(at, "unbalanced ')'");
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
							throw error(at, "'" + token + "' belongs in {if ...}, not in a value");
						}
						if (arguments > 0) {
							throw error(at, "'" + token + "' inside filter arguments");
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
							throw error(at, "'" + token + "' belongs in {if ...}, not in a value");
						}
						comparison = true;
						operand.append(' ').append(token);
					}
					case "." -> {
						String next = (i + 1 < tokens.size()) ? tokens.get(i + 1) : "";
						if (previous == null || !NAME.matcher(next).matches()) {
							throw error(at, "'.' must be followed by a property name");
						}
						operand.append('.').append(next);
						previous = next;
						i++;
						continue;
					}
					case "[", "]", "," -> operand.append(token.equals(",") ? ", " : token);
					default -> {
						if (token.startsWith("'")) {
							operand.append(' ').append(text(unquote(token)));
						}
						else if (Character.isDigit(token.charAt(0)) || token.startsWith("-")) {
							operand.append(' ').append(token);
						}
						else if (token.equals("empty") || token.equals("null") || token.equals("true")
								|| token.equals("false")) {
							operand.append(' ').append(token);
						}
						else {
							if (!"[".equals(previous) && previous != null && !isOperator(previous)
									&& !previous.equals("(") && !previous.equals(",")) {
								throw error(at, "unexpected '" + token + "' after '" + previous + "'");
							}
							if (FUNCTIONS.contains(token) && i + 1 < tokens.size() && tokens.get(i + 1).equals("(")) {
								// one of the seed's functions; its arguments are checked
								// like the rest
								operand.append(' ').append(token).append('(');
								arguments++;
								i++;
								previous = "(";
								continue;
							}
							root(token, at);
							operand.append(' ').append(token);
						}
					}
				}
				previous = token;
			}
			if ("|".equals(previous)) {
				throw error(at, "a filter name must follow '|'");
			}
			if (groups != 0 || arguments != 0) {
				throw error(at, "unbalanced '('");
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

		private void root(String name, int at) {
			if (name.startsWith("_") || !NAME.matcher(name).matches()) {
				throw error(at, "'" + name + "' is not a variable name");
			}
			for (Block block : this.blocks) {
				if (name.equals(block.loopVariable()) || ("loop".equals(name) && block.kind().equals("for"))) {
					return;
				}
			}
			if (this.declared.contains(name) || BUILT_IN.contains(name)) {
				this.used.add(name);
				return;
			}
			throw error(at, "variable '" + name + "' is not declared");
		}

		/**
		 * The expression's tokens, quoted texts in single quotes. Quoted texts are read
		 * by hand rather than by a pattern, since Java's patterns recurse once per
		 * character of {@code '(?:[^'\\]|\\.)*'} (3,000 characters overflowed the stack).
		 */
		private List<String> tokens(String text, int at) {
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
						throw error(at, "a quoted text is never closed in '" + text.strip() + "'");
					}
					if (quoted.length() > MAX_TEXT) {
						throw error(at, "a quoted text may have at most " + MAX_TEXT + " characters (this one has "
								+ quoted.length() + ")");
					}
					tokens.add(quote(quoted.toString()));
					index = end + 1;
					continue;
				}
				matcher.region(index, text.length());
				if (!matcher.lookingAt()) {
					throw error(at, "unexpected '" + c + "' in '" + text.strip() + "'");
				}
				tokens.add(matcher.group().strip());
				index = matcher.end();
			}
		}

		/**
		 * A hidden variable holding a text, so that no text is ever lexed by Pebble.
		 */
		private String text(String value) {
			String name = TEXT_PREFIX + this.texts.size();
			this.texts.put(name, value);
			return name;
		}

		/** Operators that add a level to Pebble's expression tree. */
		private static boolean isNesting(String token) {
			return switch (token) {
				case "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "and", "or", "not", "is", "|", ".", "[" -> true;
				default -> false;
			};
		}

		private static boolean isOperator(String token) {
			return switch (token) {
				case "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "and", "or", "not", "is", ",", "|" -> true;
				default -> false;
			};
		}

		private TemplateSyntaxException error(int at, String message) {
			int line = 1;
			int column = 1;
			for (int i = 0; i < at && i < this.source.length(); i++) {
				if (this.source.charAt(i) == '\n') {
					line++;
					column = 1;
				}
				else {
					column++;
				}
			}
			return new TemplateSyntaxException("line " + line + ", column " + column + ": " + message);
		}

	}

	private static List<String> sorted(Set<String> names) {
		return names.stream().sorted().toList();
	}

	/** A Pebble string literal of any text. */
	static String quote(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	private static String unquote(String literal) {
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

	private record Block(String kind, String loopVariable, int at) {
	}

}
