package io.orderpulse.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.orderpulse.identity.internal.UserAccountRepository;
import io.orderpulse.identity.internal.UserGroupRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User groups of an organization. Every method takes the caller's organization, and a
 * group or user of another organization is {@link NotFound}.
 */
@Service
public class UserGroups {

	private final UserGroupRepository groups;

	private final UserAccountRepository users;

	UserGroups(UserGroupRepository groups, UserAccountRepository users) {
		this.groups = groups;
		this.users = users;
	}

	@Transactional
	public UserGroup create(long orgId, String name, @Nullable String description) {
		return this.groups.insert(orgId, name, description);
	}

	@Transactional(readOnly = true)
	public List<UserGroup> list(long orgId) {
		return this.groups.findAll(orgId);
	}

	@Transactional(readOnly = true)
	public UserGroup get(long orgId, long groupId) {
		return this.groups.find(orgId, groupId).orElseThrow(() -> NotFound.group(groupId));
	}

	@Transactional(readOnly = true)
	public List<GroupMember> members(long orgId, long groupId) {
		get(orgId, groupId);
		return this.groups.members(groupId);
	}

	/**
	 * The ids of a group's members.
	 * @throws NotFound if the group is not one of the organization's
	 */
	@Transactional(readOnly = true)
	public List<Long> memberIds(long orgId, long groupId) {
		get(orgId, groupId);
		return this.groups.memberIds(groupId);
	}

	/**
	 * The ids of the organization's groups the user belongs to now.
	 */
	@Transactional(readOnly = true)
	public List<Long> groupIdsOf(long orgId, long userId) {
		return this.groups.groupIdsOf(orgId, userId);
	}

	/**
	 * The ids of the organization's groups each of the users belongs to now (users in
	 * none are missing from the map).
	 */
	@Transactional(readOnly = true)
	public Map<Long, List<Long>> groupIdsOf(long orgId, Collection<Long> userIds) {
		return userIds.isEmpty() ? Map.of() : this.groups.groupIdsOf(orgId, userIds);
	}

	@Transactional
	public void addMember(long orgId, long groupId, long userId) {
		get(orgId, groupId);
		this.users.findInOrganization(orgId, userId).orElseThrow(() -> NotFound.user(userId));
		this.groups.addMember(groupId, userId);
	}

	@Transactional
	public void removeMember(long orgId, long groupId, long userId) {
		get(orgId, groupId);
		if (!this.groups.removeMember(groupId, userId)) {
			throw NotFound.member(groupId, userId);
		}
	}

}
