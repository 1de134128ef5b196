package io.orderpulse.platform.web;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that exist only in tests, to exercise the problem handling with enums,
 * numbers, nested values and an unexpected failure.
 */
@RestController
@RequestMapping("/api/test/problems")
class ProblemsTestController {

	@PostMapping
	Sample echo(@Valid @RequestBody Sample sample) {
		return sample;
	}

	@GetMapping("/boom")
	String boom() {
		throw new IllegalStateException("secret internals");
	}

	@GetMapping("/redis-down")
	String redisDown() {
		throw new RedisConnectionFailureException("Unable to connect to Redis at 10.0.0.7:6379");
	}

	enum Kind {

		SMALL, LARGE

	}

	record Sample(Kind kind, int count, List<String> tags) {
	}

}
