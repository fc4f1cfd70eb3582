import { afterAll } from 'vitest';
import { closeDatabase } from '../support/privacy';

// Every integration file may open the superuser pool (for ground truth and arranging); it closes
// here, after the file's own afterAll hooks, which run first and may still use it.
afterAll(closeDatabase);
