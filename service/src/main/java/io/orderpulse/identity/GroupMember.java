package io.orderpulse.identity;

/**
 * A member of a user group.
 *
 * @param id the user's id
 * @param username the login name
 * @param displayName the name shown to people
 */
public record GroupMember(long id, String username, String displayName) {

}
