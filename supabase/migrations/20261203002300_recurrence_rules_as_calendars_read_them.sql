-- A gathering's recurrence, checked as calendars read it. The first check let an ordinal into a
-- daily or weekly rule (FREQ=WEEKLY;BYDAY=1TU, which RFC 5545 gives no meaning) and took an UNTIL
-- that is no date (20270230T000000Z); the app's expansion and the feeds then had to drop such a
-- rule. Now ordinals come only with FREQ=MONTHLY, and UNTIL must be a real moment.

-- Whether the UNTIL of a rule, if it has one, is a real date and time.
create function private.until_is_a_date(rule text) returns boolean
	language plpgsql immutable set search_path = ''
	as $$
declare
	until text := substring(rule from 'UNTIL=([0-9]{8}T[0-9]{6})Z');
	parsed timestamp;
begin
	if until is null then
		return true;
	end if;
	parsed := to_timestamp(until, 'YYYYMMDD"T"HH24MISS')::timestamp;
	-- to_timestamp rolls some impossible values over instead of refusing them: compare back.
	return to_char(parsed, 'YYYYMMDD"T"HH24MISS') = until;
exception when others then
	return false;
end;
$$;

comment on function private.until_is_a_date(text) is
	'Whether the UNTIL of an RRULE value, if any, is a real UTC date and time.';

-- CHECK constraints call it for whoever writes a gathering.
grant execute on function private.until_is_a_date(text) to authenticated, service_role;

alter table public.gatherings drop constraint gatherings_recurrence_check;
alter table public.gatherings add constraint gatherings_recurrence_check check (
	(
		recurrence ~ '^FREQ=MONTHLY(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)){0,6})?(;(COUNT=[1-9][0-9]{0,2}|UNTIL=[0-9]{8}T[0-9]{6}Z))?$'
		or recurrence ~ '^FREQ=(DAILY|WEEKLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU)){0,6})?(;(COUNT=[1-9][0-9]{0,2}|UNTIL=[0-9]{8}T[0-9]{6}Z))?$'
	)
	and private.until_is_a_date(recurrence)
);
