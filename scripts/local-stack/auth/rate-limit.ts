/**
 * In-memory sliding-window limits, like GoTrue's per-instance limiters: at most `limit` events
 * per key within `windowSeconds`. Kept in memory on purpose: a restart of the local stack is a
 * fresh start, and a separately started service (as the rate-limit tests do) has its own.
 */
export class SlidingWindowLimiter {
	readonly #limit: number;
	readonly #windowMs: number;
	readonly #events = new Map<string, number[]>();
	#takesSinceSweep = 0;

	/** A limit of 0 (or a window of 0) lets everything through. */
	constructor(limit: number, windowSeconds: number) {
		this.#limit = limit;
		this.#windowMs = windowSeconds * 1000;
	}

	/** Records an event for `key` if the limit allows it; otherwise says how long to wait. */
	take(
		key: string,
		now = Date.now()
	): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
		if (this.#limit <= 0 || this.#windowMs <= 0) return { allowed: true };
		this.#sweepSometimes(now);
		const recent = (this.#events.get(key) ?? []).filter((time) => now - time < this.#windowMs);
		if (recent.length >= this.#limit) {
			this.#events.set(key, recent);
			const retryAfterSeconds = Math.max(1, Math.ceil((recent[0] + this.#windowMs - now) / 1000));
			return { allowed: false, retryAfterSeconds };
		}
		recent.push(now);
		this.#events.set(key, recent);
		return { allowed: true };
	}

	/** Forgets keys whose events have all expired, so memory stays bounded by recent traffic. */
	#sweepSometimes(now: number) {
		if (++this.#takesSinceSweep < 1000) return;
		this.#takesSinceSweep = 0;
		for (const [key, times] of this.#events) {
			if (times.every((time) => now - time >= this.#windowMs)) this.#events.delete(key);
		}
	}
}
