package io.orderpulse.messagecenter.template;

import java.util.Map;
import java.util.Set;
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
 * This class holds the syntax's rules and limits; {@link SeedTemplateTranslator} walks a
 * template's text and tags, {@link ExpressionTranslator} checks and translates each
 * expression, and {@link ExpressionTokens} scans it.
 */
final class SeedTemplateSyntax {

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

	/** The deepest nesting of blocks, and of parentheses in an expression. */
	static final int MAX_DEPTH = 16;

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

	/** A variable or property name. */
	static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

	private SeedTemplateSyntax() {
	}

	/**
	 * Translates a template.
	 * @param source the template in the seed's syntax
	 * @param declared the names of the declared variables
	 * @return the Pebble template and the variables it uses
	 * @throws TemplateSyntaxException naming the position of the first error
	 */
	static Translation translate(String source, Set<String> declared) {
		return new SeedTemplateTranslator(source, declared).run();
	}

	/**
	 * A translated template.
	 *
	 * @param pebble the template in Pebble's syntax
	 * @param variables the root variables it reads (declared or built in)
	 * @param texts the template's quoted and fallback texts by the names of the hidden
	 * variables that stand for them in {@code pebble}
	 */
	record Translation(String pebble, Set<String> variables, Map<String, String> texts) {
	}

	/**
	 * A template that does not follow the syntax, with the line and column of the
	 * problem.
	 */
	static final class TemplateSyntaxException extends RuntimeException {

		TemplateSyntaxException(String message) {
			super(message);
		}

	}

}
