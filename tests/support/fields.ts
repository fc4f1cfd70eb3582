import { expect } from 'vitest';

/**
 * Fails unless a form control shows a refused value the way every form here must: the value kept
 * as it was typed, the control marked invalid, and the error in its description, which screen
 * readers read out with it.
 */
export function expectRefused(
	control: HTMLElement,
	{ value, error }: { value: string; error: string | ReturnType<typeof expect.stringContaining> }
) {
	expect(control).toHaveValue(value);
	expect(control).toBeInvalid();
	expect(control).toHaveAccessibleDescription(error);
}
