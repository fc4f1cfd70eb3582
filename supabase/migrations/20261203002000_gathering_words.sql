-- The words the gatherings migration (…2100) uses, added first: PostgreSQL does not let a
-- transaction use an enum value it added itself.
--
-- Gatherings gain the kinds the movement runs. 'call' stays the monthly network call and other
-- online calls (shown as "Online call"); a program is a series of sessions, written as a
-- recurrence with a count (four workshops over two weeks).
alter type public.gathering_kind add value if not exists 'congregation_meeting';
alter type public.gathering_kind add value if not exists 'program';
alter type public.gathering_kind add value if not exists 'workshop';

-- What a gathering tells people, through the crews' inbox and email outbox.
alter type public.notification_kind add value if not exists 'rsvp_received';
alter type public.notification_kind add value if not exists 'rsvp_decided';
alter type public.notification_kind add value if not exists 'waitlist_moved_up';
alter type public.notification_kind add value if not exists 'gathering_changed';
alter type public.notification_kind add value if not exists 'gathering_invitation';
