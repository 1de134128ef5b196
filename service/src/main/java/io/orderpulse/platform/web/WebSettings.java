package io.orderpulse.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings of the API.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("orderpulse.web")
record WebSettings(@DefaultValue("256KB") DataSize maxRequestBody) {
}
