package io.orderpulse.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A named set of users within one organization.
 *
 * @param id the group's id
 * @param name unique within the organization
 * @param description what the group is for
 * @param memberCount how many users belong to it
 * @param createdAt when it was created
 */
public record UserGroup(long id, String name, @Nullable String description, long memberCount, Instant createdAt) {

}
