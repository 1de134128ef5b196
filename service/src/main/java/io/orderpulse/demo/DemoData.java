package io.orderpulse.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.orderpulse.catalog.Catalog;
import io.orderpulse.flashsale.FlashSaleDraft;
import io.orderpulse.flashsale.FlashSaleSessions;
import io.orderpulse.identity.AuthenticatedUser;
import io.orderpulse.identity.NewUser;
import io.orderpulse.identity.Organizations;
import io.orderpulse.identity.Role;
import io.orderpulse.identity.UserAccounts;
import io.orderpulse.identity.UserSummary;
import io.orderpulse.messagecenter.MessageTemplates;
import io.orderpulse.messagecenter.MessageType;
import io.orderpulse.messagecenter.Priority;
import io.orderpulse.messagecenter.TemplateDraft;
import io.orderpulse.messagecenter.TemplateVariable;
import io.orderpulse.messagecenter.VariableType;
import io.orderpulse.payment.Points;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty database with the demo organization, shop, products and users (password
 * {@code password}). A database that has any user is left alone, so restarts keep what
 * people did. Refused together with profile {@code cluster}, where demo passwords have no
 * place.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

	static final String ORGANIZATION = "Demo Org";

	static final String PASSWORD = "password";

	static final long DEMO_POINTS = 10_000;

	/**
	 * The maintenance notice of seed 003, section 5.3.1, verbatim, for the messages admin
	 * page.
	 */
	static final TemplateDraft MAINTENANCE_NOTICE = new TemplateDraft("系统维护通知模板", "系统维护前通知用户（种子 003 第 5.3.1 节的示例）",
			"MAINTENANCE", MessageType.SYSTEM, Priority.HIGH, "系统维护通知 - {maintenanceDate|date('MM月dd日')}", """
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
					""",
			List.of(new TemplateVariable("userName", VariableType.STRING, true, null, "用户姓名"),
					new TemplateVariable("maintenanceDate", VariableType.DATETIME, true, null, "维护开始时间"),
					new TemplateVariable("duration", VariableType.NUMBER, true, 2, "预计耗时（小时）"),
					new TemplateVariable("affectedServices", VariableType.LIST, false, null,
							"受影响的服务：[{\"name\": \"订单服务\", \"description\": \"暂停下单\"}]"),
					new TemplateVariable("contactInfo", VariableType.OBJECT, false, null,
							"联系方式：{\"phone\": \"400-123-4567\", \"email\": \"support@example.com\"}")),
			true);

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final Organizations organizations;

	private final UserAccounts accounts;

	private final Catalog catalog;

	private final TransactionTemplate transactions;

	private final Points points;

	private final FlashSaleSessions flashSales;

	private final MessageTemplates templates;

	DemoData(Organizations organizations, UserAccounts accounts, Catalog catalog, TransactionTemplate transactions,
			Environment environment, Points points, FlashSaleSessions flashSales, MessageTemplates templates) {
		if (environment.matchesProfiles("cluster")) {
			throw new IllegalStateException(
					"Profile 'demo' cannot run with profile 'cluster': demo users have well-known passwords. "
							+ "Remove 'demo' from spring.profiles.active.");
		}
		this.organizations = organizations;
		this.accounts = accounts;
		this.catalog = catalog;
		this.transactions = transactions;
		this.points = points;
		this.flashSales = flashSales;
		this.templates = templates;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.accounts.hasNoUsers()) {
				create();
			}
		});
		log.warn("""

				************************************************************************************
				PROFILE 'demo' IS ACTIVE: the demo users alice, bob, merchant and admin have the
				password '{}', so anyone who can reach this service can sign in as them, and the
				sandbox payment gateway is on. NEVER use profile 'demo' in production: start the
				service without it (java -jar does; scripts/run.sh asks for it).
				************************************************************************************""", PASSWORD);
	}

	private void create() {
		long orgId = this.organizations.ensure(ORGANIZATION);
		long shopId = this.catalog.openShop(orgId, "Demo Shop");
		long chicken = this.catalog.addProduct(shopId, "Kung Pao Chicken", new BigDecimal("38.00"), 200);
		this.catalog.addProduct(shopId, "Mapo Tofu", new BigDecimal("26.50"), 150);
		this.catalog.addProduct(shopId, "Yangzhou Fried Rice", new BigDecimal("22.00"), 300);
		this.catalog.addProduct(shopId, "Hot and Sour Soup", new BigDecimal("18.00"), 120);
		this.catalog.addProduct(shopId, "Jasmine Tea", new BigDecimal("9.90"), 500);
		long pudding = this.catalog.addProduct(shopId, "Mango Pudding", new BigDecimal("15.00"), 80);
		for (UserSummary buyer : List.of(user(orgId, "alice", "Alice Chen", Role.BUYER, null, "+447700900001"),
				user(orgId, "bob", "Bob Li", Role.BUYER, null, "+447700900002"))) {
			this.points.grant(buyer.id(), orgId, DEMO_POINTS, "demo-welcome-" + buyer.id(), "welcome points");
		}
		user(orgId, "merchant", "Demo Shop Merchant", Role.MERCHANT, shopId, null);
		UserSummary admin = user(orgId, "admin", "Demo Org Admin", Role.ADMIN, null, null);
		AuthenticatedUser adminUser = new AuthenticatedUser(admin.id(), admin.username(), orgId, Set.of(Role.ADMIN),
				null);
		Instant now = Instant.now();
		this.flashSales.create(adminUser,
				new FlashSaleDraft("Demo flash sale", now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(30)),
						List.of(new FlashSaleDraft.Item(pudding, new BigDecimal("5.00"), 20, 500L),
								new FlashSaleDraft.Item(chicken, new BigDecimal("19.00"), 5, 1900L))));
		this.templates.create(adminUser, MAINTENANCE_NOTICE);
		log.info(
				"Created demo data: organization '{}', shop 'Demo Shop', users alice, bob ({} points each), merchant "
						+ "and admin (password '{}'), a flash sale for 30 days, the message template '{}'",
				ORGANIZATION, DEMO_POINTS, PASSWORD, MAINTENANCE_NOTICE.name());
	}

	/**
	 * A demo user with an example address ({@code alice@example.com}: the reserved domain
	 * of RFC 2606) and, for buyers, a phone number from Ofcom's range reserved for drama
	 * ({@code +44 7700 900xxx}), so a configured mail server or SMS gateway never reaches
	 * a real person.
	 */
	private UserSummary user(long orgId, String username, String displayName, Role role, @Nullable Long shopId,
			@Nullable String phone) {
		return this.accounts.createDemoUser(new NewUser(orgId, username, PASSWORD, displayName, Set.of(role), shopId,
				username + "@example.com", phone));
	}

}
