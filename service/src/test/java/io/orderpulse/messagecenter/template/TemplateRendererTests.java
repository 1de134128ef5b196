package io.orderpulse.messagecenter.template;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderpulse.messagecenter.template.TemplateException.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The seed's template syntax rendered by Pebble, and the sandbox's limits.
 */
public class TemplateRendererTests {

	/** Seed 003, section 5.3.1, verbatim (the HTTP tests send it too). */
	public static final String MAINTENANCE_TITLE = "系统维护通知 - {maintenanceDate|date('MM月dd日')}";

	public static final String MAINTENANCE_CONTENT = """
			尊敬的{userName}，

			系统将于{maintenanceDate|date('yyyy年MM月dd日 HH:mm')}进行维护升级，
			预计耗时{duration}小时。

			{if affectedServices}
			本次维护将影响以下服务：
			{for service in affectedServices}
			- {service.name}：{service.description}
			{/for}
			{/if}

			维护期间系统将暂停服务，请您提前做好相关准备。
			感谢您的理解与支持！

			{if contactInfo}
			如有疑问，请联系：{contactInfo.phone} 或 {contactInfo.email}
			{/if}

			系统管理员
			{currentDate|date('yyyy-MM-dd')}
			""";

	static final Set<String> MAINTENANCE_VARIABLES = Set.of("userName", "maintenanceDate", "duration",
			"affectedServices", "contactInfo");

	final TemplateRenderer renderer = new TemplateRenderer(new TemplateSettings(20_000, DataSize.ofKilobytes(64),
			Duration.ofMillis(300), 50, 1000, DataSize.ofKilobytes(128)));

	@Test
	void rendersTheSeedsMaintenanceNoticeAsAReaderExpects() {
		Map<String, Object> values = new HashMap<>();
		values.put("userName", "张三");
		values.put("maintenanceDate", OffsetDateTime.parse("2024-01-20T22:00:00+08:00"));
		values.put("duration", 2L);
		values.put("affectedServices",
				List.of(Map.of("name", "订单服务", "description", "暂停下单"), Map.of("name", "支付服务", "description", "暂停支付")));
		values.put("contactInfo", Map.of("phone", "400-123-4567", "email", "ops@example.com"));
		values.put("currentDate", LocalDate.parse("2024-01-19"));

		assertThat(render(values)).containsExactly("系统维护通知 - 01月20日", """
				尊敬的张三，

				系统将于2024年01月20日 22:00进行维护升级，
				预计耗时2小时。

				本次维护将影响以下服务：
				- 订单服务：暂停下单
				- 支付服务：暂停支付

				维护期间系统将暂停服务，请您提前做好相关准备。
				感谢您的理解与支持！

				如有疑问，请联系：400-123-4567 或 ops@example.com

				系统管理员
				2024-01-19""");
	}

	@Test
	void omittedSectionsLeaveNoGaps() {
		Map<String, Object> values = new HashMap<>();
		values.put("userName", "李四");
		values.put("maintenanceDate", OffsetDateTime.parse("2024-01-20T22:00:00+08:00"));
		values.put("duration", 1.5);
		values.put("currentDate", LocalDate.parse("2024-01-19"));

		assertThat(render(values).get(1)).isEqualTo("""
				尊敬的李四，

				系统将于2024年01月20日 22:00进行维护升级，
				预计耗时1.5小时。

				维护期间系统将暂停服务，请您提前做好相关准备。
				感谢您的理解与支持！

				系统管理员
				2024-01-19""");
	}

	@Test
	void fallbacksElseBranchesConditionsAndLoopVariables() {
		Set<String> declared = Set.of("name", "count", "vip", "items");
		Map<String, Object> values = new HashMap<>();
		values.put("count", 3L);
		values.put("vip", false);
		values.put("items", List.of("a", "b", "c"));
		assertThat(one("Hi {name:guest}! {if vip}VIP{else}regular{/if} {if count >= 3 && !vip}many{/if} "
				+ "{for i in items}{i|upper}{if !loop.last},{/if}{/for} \\{literal\\}", declared, values))
			.isEqualTo("Hi guest! regular many A,B,C {literal}");
		values.put("name", "Ann");
		values.put("vip", true);
		assertThat(one("{name:guest}/{if vip and count == 3}both{elseif vip}one{/if}/{for i in none}x{else}empty{/for}",
				Set.of("name", "vip", "count", "none"), values))
			.isEqualTo("Ann/both/empty");
	}

	@Test
	void rendersTheReadmeExample() {
		Set<String> declared = Set.of("userName", "day", "duration");
		Map<String, Object> values = new HashMap<>();
		values.put("day", OffsetDateTime.parse("2024-01-20T22:00:00+08:00"));
		values.put("duration", 2L);
		assertThat(one("系统维护通知 - {day|date('MM月dd日')}", declared, values)).isEqualTo("系统维护通知 - 01月20日");
		assertThat(one("尊敬的{userName:用户}，系统将于{day|date('yyyy年MM月dd日 HH:mm')}进行维护，预计耗时{duration}小时。", declared, values))
			.isEqualTo("尊敬的用户，系统将于2024年01月20日 22:00进行维护，预计耗时2小时。");
	}

	@Test
	void theSeedsFunctions() {
		Set<String> declared = Set.of("timestamp", "text", "path", "params", "date");
		Map<String, Object> values = new HashMap<>();
		values.put("timestamp", 1705759200000L);
		values.put("text", "系统将于今晚进行维护升级，请提前做好准备");
		values.put("path", "/maintenance");
		values.put("params", Map.of("id", "7 8"));
		values.put("date", LocalDate.parse("2024-01-20"));
		assertThat(one("{date(timestamp, 'yyyy-MM-dd HH:mm')}|{substring(text, 0, 10)}|{url(path, params)}|"
				+ "{date(date, 'MM/dd')}|{date|date('yyyy')}|{substring(text, 15, 99)}", declared, values))
			.isEqualTo("2024-01-20 14:00|系统将于今晚进行维护|/maintenance?id=7+8|01/20|2024|前做好准备");
		assertSyntaxError("{range(1, 9)}", Set.of(), "variable 'range' is not declared");
		assertSyntaxError("{date(timestamp.getClass(), 'y')}", declared, "calls are not allowed");
	}

	@Test
	void syntaxErrorsNameTheLineAndColumn() {
		assertSyntaxError("a\n{if x}b", Set.of("x"), "line 2, column 1: {if} is never closed");
		assertSyntaxError("{/for}", Set.of(), "{/for} does not match");
		assertSyntaxError("{name", Set.of("name"), "never closed with '}'");
		assertSyntaxError("{unknown}", Set.of("name"), "variable 'unknown' is not declared");
		assertSyntaxError("{name|shout}", Set.of("name"), "unknown filter 'shout'");
	}

	@Test
	void theSandboxAdmitsNoMethodsFunctionsClassesOrIncludes() {
		Set<String> declared = Set.of("name", "list", "range");
		assertSyntaxError("{name.getClass()}", declared, "calls are not allowed");
		assertSyntaxError("{if name.getClass().forName('java.lang.Runtime')}x{/if}", declared, "calls are not allowed");
		assertSyntaxError("{range(1, 100000000)}", declared, "calls are not allowed");
		assertSyntaxError("{for i in range(1, 10)}x{/for}", declared, "calls are not allowed");
		assertSyntaxError("{_context}", declared, "not a variable name");
		assertSyntaxError("{% include 'application.yml' %}", declared, "unexpected '%'");
		assertSyntaxError("{{ name.class }}", declared, "unexpected '{'");
		assertSyntaxError("{name ~ name}", declared, "unexpected '~'");
		assertSyntaxError("{if " + "(".repeat(5000) + "name" + ")".repeat(5000) + "}x{/if}", declared,
				"parentheses nest deeper than 16");
		assertSyntaxError("{if name}".repeat(17) + "{/if}".repeat(17), declared, "blocks nest deeper than 16");

		// what reaches Pebble can still not call a method: a property of a string is a
		// method call, refused by the engine
		Map<String, Object> values = Map.of("name", "secret");
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> one("{name.bytes}", declared, values))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.RENDER));
		// map keys and list elements are fine
		assertThat(one("{list[1].k}", declared, Map.of("list", List.of(Map.of(), Map.of("k", "v"))))).isEqualTo("v");
	}

	@Test
	void aRenderingThatLoopsTooLongIsStopped() {
		List<Object> thousand = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			thousand.add(i);
		}
		long start = System.nanoTime();
		assertThatExceptionOfType(TemplateException.class).isThrownBy(
				() -> one("{for a in l}{for b in l}{for c in l}{/for}{/for}{/for}", Set.of("l"), Map.of("l", thousand)))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(Kind.TIMEOUT);
				assertThat(ex.getMessage()).contains("longer than 300 ms");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void aRenderingThatWritesTooMuchIsStopped() {
		List<Object> thousand = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			thousand.add("0123456789");
		}
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> one("{for a in l}{for b in l}{b}{/for}{/for}", Set.of("l"), Map.of("l", thousand)))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(Kind.OUTPUT);
				assertThat(ex.getMessage()).contains("more than 65536 characters");
			});
	}

	@Test
	void aJoinStopsAtTheOutputLimitWithoutBuildingItsWholeText() {
		// 1,000 items glued with 60,000 characters: 60 million characters if built
		Map<String, Object> values = Map.of("l", Collections.nCopies(1000, 1L), "sep", "x".repeat(60_000));
		long before = allocatedBytes();
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> one("{l|join(sep)}", Set.of("l", "sep"), values))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(Kind.OUTPUT);
				assertThat(ex.getMessage()).contains("more than 65536 characters");
			});
		assertThat(allocatedBytes() - before).as("bytes allocated").isLessThan(8_000_000);
	}

	@Test
	void theReviewsJoinOfFortyFiveThousandItemsStopsAtTheOutputLimit() {
		// the renderer does not rely on the list limit of VariableValues
		Map<String, Object> values = Map.of("l", Collections.nCopies(45_000, 1L), "sep", "x".repeat(90_000));
		long before = allocatedBytes();
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> one("{for a in l}{l|join(sep)}{/for}", Set.of("l", "sep"), values))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.OUTPUT));
		assertThat(allocatedBytes() - before).as("bytes allocated").isLessThan(8_000_000);
	}

	@Test
	void templatesThatWouldOverflowTheParsersStackAreRefusedNamingTheLimit() {
		Set<String> declared = Set.of("x", "l");
		assertSyntaxError("{if x == '" + "y".repeat(3000) + "'}a{/if}", declared,
				"line 1, column 1: a quoted text may have at most 1000 characters (this one has 3000)");
		assertSyntaxError("{l|join('" + "\\'".repeat(3000) + "')}", declared,
				"a quoted text may have at most 1000 characters");
		assertSyntaxError("{x:" + "'".repeat(3000) + "}", declared,
				"a fallback text may have at most 1000 characters (this one has 3000)");
		assertSyntaxError("{if " + "!".repeat(5000) + "x}a{/if}", declared,
				"an expression may have at most 64 operators (this one has 5000)");
		assertSyntaxError("{if " + "not ".repeat(5000) + "x}a{/if}", declared,
				"an expression may have at most 64 operators");
		assertSyntaxError("{if x" + " or x".repeat(3000) + "}a{/if}", declared,
				"an expression may have at most 64 operators");
		assertSyntaxError("{x" + "|upper".repeat(3000) + "}", declared, "an expression may have at most 64 operators");
		assertSyntaxError("{x" + ".a".repeat(3000) + "}", declared, "an expression may have at most 64 operators");
		// the most the limits allow compiles and renders
		String deepest = "{if " + "(".repeat(16) + "not ".repeat(31) + "x" + " or x".repeat(32) + ")".repeat(16)
				+ "}yes{/if}";
		assertThat(one(deepest, declared, Map.of("x", true))).isEqualTo("yes");
		assertThat(one("{x:" + "'".repeat(1000) + "}", declared, Map.of())).isEqualTo("'".repeat(1000));
	}

	@Test
	void quotedTextsNeverReachPebblesLexerSoQuotesInThemCannotOverflowItsStack() throws Exception {
		// Pebble's lexer matches a string literal with a regular expression that recurses
		// once per escaped character: 500 quotes overflowed a 256 KB stack
		Set<String> declared = Set.of("x");
		String template = "{x:" + "'".repeat(1000) + "}{x|default('" + "\\".repeat(1000) + "')}";
		String[] rendered = new String[1];
		Throwable[] failure = new Throwable[1];
		Thread small = new Thread(null, () -> {
			try {
				rendered[0] = one(template, declared, Map.of());
			}
			catch (Throwable ex) {
				failure[0] = ex;
			}
		}, "small stack", 256 * 1024);
		small.start();
		small.join();
		assertThat(failure[0]).isNull();
		assertThat(rendered[0]).isEqualTo("'".repeat(1000) + "\\".repeat(500));
	}

	@Test
	void longRunsOfBlankLinesCollapseWithoutOverflowingTheStack() {
		assertThat(one("a" + "\n".repeat(12_000) + "b" + "\n \t".repeat(4_000) + "c\n\n\nd\n \ne", Set.of(), Map.of()))
			.isEqualTo("a\n\nb\n\n \tc\n\nd\n \ne");
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	private List<String> render(Map<String, Object> values) {
		Set<String> declared = new java.util.HashSet<>(MAINTENANCE_VARIABLES);
		declared.add("currentDate");
		return this.renderer.render(List.of(this.renderer.compile(MAINTENANCE_TITLE, declared),
				this.renderer.compile(MAINTENANCE_CONTENT, declared)), values);
	}

	private String one(String template, Set<String> declared, Map<String, Object> values) {
		return this.renderer.render(List.of(this.renderer.compile(template, declared)), values).get(0);
	}

	private void assertSyntaxError(String template, Set<String> declared, String message) {
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> this.renderer.compile(template, declared))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(Kind.SYNTAX);
				assertThat(ex.getMessage()).contains(message);
			});
	}

}
