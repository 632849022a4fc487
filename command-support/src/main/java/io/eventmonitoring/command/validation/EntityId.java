package io.eventmonitoring.command.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.UUID;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The id of an entity in a path: a lower-case UUID, as the services generate them. The services keep no state,
 * so an id that is not one cannot name anything they created: a violation answers 404, like one of a constraint
 * with the {@link UnknownEntity} payload.
 */
@Documented
@NotNull
@UUID(allowNil = false, version = {1, 2, 3, 4, 5, 6, 7, 8}, letterCase = UUID.LetterCase.LOWER_CASE)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface EntityId {

    String message() default "is not a known id: ids are lower-case UUIDs";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
