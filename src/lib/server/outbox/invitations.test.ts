import { describe, expect, it } from 'vitest';
import { composeInvitation, invitationMessageId, type ImportInvitation } from './invitations';

function invitation(overrides: Partial<ImportInvitation> = {}): ImportInvitation {
	return {
		id: '6f1c2a53-7c1e-4d0e-9a53-2f1e3c4b5a69',
		email: 'ann@example.org',
		display_name: 'Ann <Smith>',
		source: 'Utrecht circle',
		token: 'ab'.repeat(32),
		place_label: 'near Zeist, NL',
		visibility: 'members',
		precision: 'town',
		...overrides
	};
}

const site = 'https://map.example.org/';
const from = 'Microsolidarity map <map@example.org>';

describe('an import invitation email', () => {
	it('says who asked, what would be shown to whom, and links to confirm and to decline', () => {
		const email = composeInvitation({ invitation: invitation(), siteUrl: site, from });
		expect(email.to).toBe('ann@example.org');
		expect(email.subject).toBe('Utrecht circle invites you onto the microsolidarity map');
		expect(email.text).toBe(
			[
				'Utrecht circle would like you on the microsolidarity network map, and gave us your name and where you are. Nothing about you is shown to anyone until you say yes.',
				'',
				'If you say yes, people signed in to the map will see “Ann <Smith>” on the map, near Zeist, NL (at town precision). You choose who sees you and how precisely before you confirm, and can change it at any time.',
				'',
				`See it and confirm: https://map.example.org/join/${'ab'.repeat(32)}`,
				'',
				'--',
				`Not interested? One click and everything we were given about you is deleted, and you will not be asked again. https://map.example.org/join/${'ab'.repeat(32)}/decline`,
				''
			].join('\n')
		);
		expect(email.html).toContain('“Ann &lt;Smith&gt;”');
		expect(email.html).not.toContain('<Smith>');
	});

	it('is the same message on every try, and a mail program’s unsubscribe declines it', () => {
		const email = composeInvitation({ invitation: invitation(), siteUrl: site, from });
		expect(email.messageId).toBe(invitationMessageId('6f1c2a53-7c1e-4d0e-9a53-2f1e3c4b5a69'));
		expect(email.messageId).toBe(
			'<import-6f1c2a53-7c1e-4d0e-9a53-2f1e3c4b5a69@microsolidarity-map>'
		);
		expect(email.headers).toEqual({
			'List-Unsubscribe': `<https://map.example.org/join/${'ab'.repeat(32)}/decline>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			'Auto-Submitted': 'auto-generated'
		});
	});

	it('names who would see the person in plain words for every visibility', () => {
		const who = (visibility: ImportInvitation['visibility']) =>
			composeInvitation({ invitation: invitation({ visibility }), siteUrl: site, from }).text.split(
				'\n'
			)[2];
		expect(who('public')).toMatch(/^If you say yes, everyone will see/);
		expect(who('crewmates')).toMatch(/^If you say yes, only people in a crew with you will see/);
		expect(who('only_me')).toMatch(/^If you say yes, nobody but you will see/);
	});
});
