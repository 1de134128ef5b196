package io.orderpulse.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.orderpulse.identity.internal.PasswordPolicy;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A password that {@link PasswordPolicy} accepts; the violation says why not (too short,
 * too long in bytes, too common). {@code null} is valid: combine with {@code @NotNull}.
 * Lets a request name a weak password together with its other invalid fields;
 * {@link UserAccounts} checks again whatever the caller.
 */
@Documented
@Constraint(validatedBy = AcceptablePassword.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface AcceptablePassword {

	String message() default "is not an acceptable password";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/**
	 * Checks with the application's {@link PasswordPolicy} (created by Spring's
	 * constraint validator factory).
	 */
	class Validator implements ConstraintValidator<AcceptablePassword, String> {

		private final PasswordPolicy policy;

		Validator(PasswordPolicy policy) {
			this.policy = policy;
		}

		@Override
		public boolean isValid(@Nullable String password, ConstraintValidatorContext context) {
			if (password == null) {
				return true;
			}
			return this.policy.problem(password).map((reason) -> {
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(reason).addConstraintViolation();
				return false;
			}).orElse(true);
		}

	}

}
