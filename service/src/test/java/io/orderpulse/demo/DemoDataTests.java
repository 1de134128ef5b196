package io.orderpulse.demo;

import io.orderpulse.IntegrationTest;
import io.orderpulse.TestApi;
import io.orderpulse.TestApi.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the demo data gives the demo organization's admin to start with.
 */
@IntegrationTest
class DemoDataTests {

	@Autowired
	TestApi api;

	@Test
	void theDemoAdminFindsTheSeedsMaintenanceNoticeAndCanPreviewIt() {
		String admin = this.api.tokenFor("admin");
		Response list = this.api.get("/api/v1/message-templates?size=100&category=MAINTENANCE", admin);
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		JsonNode notice = null;
		for (JsonNode template : list.json().get("items")) {
			if (template.get("name").asString().equals(DemoData.MAINTENANCE_NOTICE.name())) {
				notice = template;
			}
		}
		assertThat(notice).as(list.toString()).isNotNull();
		assertThat(notice.get("enabled").asBoolean()).isTrue();

		Response preview = this.api.post("/api/v1/message-templates/" + notice.get("templateId").asLong() + "/preview",
				"""
						{"variables": {"userName": "Alice Chen", "maintenanceDate": "2024-01-20T22:00:00+08:00",
						 "affectedServices": [{"name": "订单服务", "description": "暂停下单"}]}}
						""", admin);
		assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
		assertThat(preview.json().get("title").asString()).isEqualTo("系统维护通知 - 01月20日");
		assertThat(preview.json().get("content").asString()).startsWith("""
				尊敬的Alice Chen，

				系统将于2024年01月20日 22:00进行维护升级，
				预计耗时2小时。

				本次维护将影响以下服务：
				- 订单服务：暂停下单

				维护期间系统将暂停服务""");
	}

}
