package io.orderpulse.platform.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses U+0000 in every string the application's JSON mapper reads: string values
 * (fields of records, elements of lists), map keys, and every text and property name of a
 * {@link JsonNode} body. Registered on Spring Boot's mapper as a bean, so it covers every
 * request body at once; the failure ({@link NulCharacter}) carries the field's path,
 * which {@link ProblemDetailsAdvice} names in a 400.
 */
final class NulRefusingModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	NulRefusingModule() {
		super("orderpulse-nul-refusing");
		addDeserializer(String.class, new NulRefusingStrings());
		addKeyDeserializer(String.class, new NulRefusingKeys());
		addDeserializer(JsonNode.class, new NulRefusingTrees());
	}

	private static boolean hasNul(@Nullable String text) {
		return text != null && text.indexOf('\0') >= 0;
	}

	private static final class NulRefusingStrings extends StringDeserializer {

		@Override
		public @Nullable String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String value = super.deserialize(parser, context);
			if (hasNul(value)) {
				throw new NulCharacter(parser);
			}
			return value;
		}

	}

	private static final class NulRefusingKeys extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) throws JacksonException {
			if (hasNul(key)) {
				throw new NulCharacter(context.getParser());
			}
			return key;
		}

	}

	private static final class NulRefusingTrees extends JsonNodeDeserializer {

		@Override
		public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			JsonNode tree = super.deserialize(parser, context);
			check(parser, tree);
			return tree;
		}

		private static void check(JsonParser parser, JsonNode node) {
			if (node.isString()) {
				if (hasNul(node.stringValue())) {
					throw new NulCharacter(parser);
				}
			}
			else if (node.isArray()) {
				for (int i = 0; i < node.size(); i++) {
					try {
						check(parser, node.get(i));
					}
					catch (NulCharacter ex) {
						throw (NulCharacter) ex.prependPath(node, i);
					}
				}
			}
			else if (node.isObject()) {
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					if (hasNul(property.getKey())) {
						throw new NulCharacter(parser);
					}
					try {
						check(parser, property.getValue());
					}
					catch (NulCharacter ex) {
						throw (NulCharacter) ex.prependPath(node, property.getKey());
					}
				}
			}
		}

	}

}
