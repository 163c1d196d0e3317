import { useOrgMembers } from './use-org-members.ts';

/** One `<option>` per member of the active organization, for every assignee picker. */
export function MemberOptions() {
  const members = useOrgMembers();
  return (
    <>
      {members.data?.map((member) => (
        <option key={member.userId} value={member.userId}>
          {member.name}
        </option>
      ))}
    </>
  );
}
