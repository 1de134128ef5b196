package io.orderpulse.messagecenter.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderpulse.messagecenter.template.SeedTemplateSyntax.TemplateSyntaxException;
import io.orderpulse.messagecenter.template.SeedTemplateSyntax.Translation;

/**
 * Translates one template of the seed's syntax: walks its text and tags, keeps the open
 * {@code if} and {@code for} blocks, and hands each expression to the
 * {@link ExpressionTranslator}. Used once per template.
 */
final class SeedTemplateTranslator implements ExpressionTranslator.Scope {

	private static final Pattern FOR = Pattern.compile("for\\s+([A-Za-z][A-Za-z0-9_]*)\\s+in\\s+(.+)", Pattern.DOTALL);

	private final String source;

	private final Set<String> declared;

	private final StringBuilder out = new StringBuilder();

	private final Set<String> used = new LinkedHashSet<>();

	private final Map<String, String> texts = new LinkedHashMap<>();

	/** Open blocks: "if" or "for", with the loop variable for "for". */
	private final Deque<Block> blocks = new ArrayDeque<>();

	private final ExpressionTranslator expressions = new ExpressionTranslator(this);

	private int pos;

	SeedTemplateTranslator(String source, Set<String> declared) {
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
			this.out.append("{% if ")
				.append(this.expressions.expression(head.substring(2), start, false))
				.append(" %}");
		}
		else if (head.startsWith("elseif ") || head.startsWith("else if ")) {
			requireOpen(start, "if", head);
			String cond = head.startsWith("elseif ") ? head.substring(7) : head.substring(8);
			this.out.append("{% elseif ").append(this.expressions.expression(cond, start, false)).append(" %}");
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
			String list = this.expressions.expression(loop.group(2), start, true);
			open(start, "for", loop.group(1));
			// a missing list loops like an empty one (so that {else} applies)
			this.out.append("{% for ").append(loop.group(1)).append(" in (").append(list).append(" | default([])) %}");
		}
		else {
			block = false;
			// a value: path, filters, then ":fallback" running to the closing brace
			int colon = fallbackColon(inner);
			String expression = (colon >= 0) ? inner.substring(0, colon) : inner;
			String printed = this.expressions.expression(expression, start, true);
			if (colon >= 0) {
				String fallback = inner.substring(colon + 1);
				if (fallback.length() > SeedTemplateSyntax.MAX_TEXT) {
					throw error(start, "a fallback text may have at most " + SeedTemplateSyntax.MAX_TEXT
							+ " characters (this one has " + fallback.length() + ")");
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
	 * A block tag alone on its line takes the whole line with it (its indentation and its
	 * line break), so that control lines leave no blank lines behind.
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
		if (this.blocks.size() >= SeedTemplateSyntax.MAX_DEPTH) {
			throw error(at, "blocks nest deeper than " + SeedTemplateSyntax.MAX_DEPTH);
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

	@Override
	public void root(String name, int at) {
		if (name.startsWith("_") || !SeedTemplateSyntax.NAME.matcher(name).matches()) {
			throw error(at, "'" + name + "' is not a variable name");
		}
		for (Block block : this.blocks) {
			if (name.equals(block.loopVariable()) || ("loop".equals(name) && block.kind().equals("for"))) {
				return;
			}
		}
		if (this.declared.contains(name) || SeedTemplateSyntax.BUILT_IN.contains(name)) {
			this.used.add(name);
			return;
		}
		throw error(at, "variable '" + name + "' is not declared");
	}

	@Override
	public String text(String value) {
		String name = SeedTemplateSyntax.TEXT_PREFIX + this.texts.size();
		this.texts.put(name, value);
		return name;
	}

	@Override
	public TemplateSyntaxException error(int at, String message) {
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

	private record Block(String kind, String loopVariable, int at) {
	}

}
