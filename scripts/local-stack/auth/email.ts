import { escapeHtml } from '../../../src/lib/html.ts';
import type { OutgoingMail } from '../mailbox.ts';
import type { VerificationType } from './one-time-tokens.ts';

// The sign-in email: the link and the code that both complete the same sign-in.

/** `{authUrl}/verify?token=…&type=…&redirect_to=…`, as GoTrue's mailer builds action links. */
export function actionLink(input: {
	authUrl: string;
	token: string;
	type: VerificationType;
	redirectTo: string;
}): string {
	const query = new URLSearchParams({
		token: input.token,
		type: input.type,
		redirect_to: input.redirectTo
	});
	return `${input.authUrl}/verify?${query}`;
}

export function signInEmail(input: {
	to: string;
	link: string;
	code: string;
	type: VerificationType;
	lifetimeSeconds: number;
}): OutgoingMail {
	const minutes = Math.max(1, Math.round(input.lifetimeSeconds / 60));
	const subject =
		input.type === 'signup' ? 'Confirm your email to join the map' : 'Your sign-in link';
	const intro =
		input.type === 'signup'
			? 'Follow this link to confirm your email address and sign in:'
			: 'Follow this link to sign in:';
	const closing = `The link and the code work once and expire in ${minutes} minutes. If you did not ask to sign in, you can ignore this email.`;
	const text = `${intro}

${input.link}

Or enter this code: ${input.code}

${closing}
`;
	const html = `<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(input.link)}">${input.type === 'signup' ? 'Confirm and sign in' : 'Sign in'}</a></p>
<p>Or enter this code: <strong>${escapeHtml(input.code)}</strong></p>
<p>${escapeHtml(closing)}</p>
`;
	return { to: input.to, subject, text, html };
}
