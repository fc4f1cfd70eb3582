/**
 * Supabase Auth limits sign-in per client address: requests for an email, checks of a code or a
 * link. The app's server makes those requests for its visitors (the sign-in forms post to the
 * app), so Auth would count every visitor against the server's one address, and a few dozen
 * sign-ins an hour would lock everybody out.
 *
 * Supabase's IP address forwarding (https://supabase.com/docs/guides/auth/rate-limits) lets a
 * request made with the project's secret key name the visitor's address in `Sb-Forwarded-For`;
 * Auth counts the request against that address instead. Only the server holds the secret key, so
 * no visitor can pick an address of their own. The local stack's auth server does the same.
 */

export interface AuthForwarding {
	/** The fetch the Supabase client would otherwise use. */
	fetch: typeof globalThis.fetch;
	supabaseUrl: string;
	/** The public key the client is made with. */
	publicKey: string;
	/** The project's secret key (`sb_secret_…`; on the local stack, its service key). */
	secretKey: string;
	/** The visitor's address (SvelteKit's `getClientAddress()`), read only when Auth is asked. */
	clientAddress: () => string;
}

/**
 * A fetch that sends requests to Auth with the secret key and the visitor's address, and every
 * other request as it was: with the secret key a request to the database would pass every
 * row-level check, so it goes to Auth alone.
 */
export function forwardingFetch(options: AuthForwarding): typeof globalThis.fetch {
	const authUrl = `${options.supabaseUrl.replace(/\/+$/, '')}/auth/v1/`;
	return (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		if (!url.startsWith(authUrl)) return options.fetch(input, init);
		const headers = new Headers(input instanceof Request ? input.headers : undefined);
		new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
		headers.set('apikey', options.secretKey);
		// Without a session the bearer token is the public key: send the secret key there too, as
		// a client made with the secret key would. A person's own access token stays as it is.
		if (headers.get('authorization') === `Bearer ${options.publicKey}`) {
			headers.set('authorization', `Bearer ${options.secretKey}`);
		}
		headers.set('sb-forwarded-for', options.clientAddress());
		return options.fetch(input, { ...init, headers });
	};
}
