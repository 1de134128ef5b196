package io.orderpulse;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a test context of {@link IntegrationTest} or {@link ClusterIntegrationTest} an
 * SMTP server of its own: GreenMail on a free port, started before the context and
 * stopped when it closes, with {@code spring.mail.*} and
 * {@code orderpulse.routing.email.from} pointing at it, so the EMAIL channel of the
 * running application really sends. Tests get the server as a bean ({@code @Autowired
 * GreenMail}); it is shared by every test of the context, so find your messages by a
 * recipient address of your own.
 */
public final class TestMailServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The sender address of the test contexts. */
	public static final String FROM = "OrderPulse Tests <no-reply@orderpulse.test>";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		server.start();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test-mail-server", Map.of("spring.mail.host", "127.0.0.1",
					"spring.mail.port", server.getSmtp().getPort(), "orderpulse.routing.email.from", FROM)));
		DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
		beans.registerSingleton("testMailServer", server);
		beans.registerDisposableBean("testMailServerStop", server::stop);
	}

}
