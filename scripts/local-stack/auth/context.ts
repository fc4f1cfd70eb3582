import type pg from 'pg';
import type { Mailbox } from '../mailbox.ts';
import type { AuthConfig } from './config.ts';
import type { AuthRequest } from './http.ts';
import type { SlidingWindowLimiter } from './rate-limit.ts';

/** What every route of the auth stand-in works with. */
export interface AuthContext {
	config: AuthConfig;
	pool: pg.Pool;
	mailbox: Mailbox;
	log: (line: string) => void;
	limits: {
		/** Sign-in emails per address (GOTRUE_SMTP_MAX_FREQUENCY). */
		emailSends: SlidingWindowLimiter;
		/** POST /otp per client address. */
		otpRequests: SlidingWindowLimiter;
		/** GET and POST /verify per client address: guessing codes. */
		verifyRequests: SlidingWindowLimiter;
	};
}

export type Route = (context: AuthContext, request: AuthRequest) => Promise<void>;

/** Runs `work` in one transaction on one connection; rolls back if it throws. */
export async function inTransaction<T>(
	pool: pg.Pool,
	work: (db: pg.PoolClient) => Promise<T>
): Promise<T> {
	const db = await pool.connect();
	try {
		await db.query('begin');
		const result = await work(db);
		await db.query('commit');
		return result;
	} catch (error) {
		await db.query('rollback').catch(() => {});
		throw error;
	} finally {
		db.release();
	}
}
