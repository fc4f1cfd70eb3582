-- The words the moderation migration (…3100) uses, added first: PostgreSQL does not let a
-- transaction use an enum value it added itself.

-- What can be reported: a person, a crew or congregation, a gathering, or a request to join or
-- an invitation the reporter received (their message is what would be abusive).
create type public.report_subject as enum ('person', 'group', 'gathering', 'join_request', 'invitation');

-- The short list a reporter chooses from; 'unsafe' is "puts someone in danger".
create type public.report_reason as enum (
	'harassment', 'spam', 'impersonation', 'unsafe', 'inappropriate', 'other'
);

-- A reporter is told that their report was reviewed, and whether anything was done.
alter type public.notification_kind add value if not exists 'report_outcome';
