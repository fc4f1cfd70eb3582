import '@testing-library/jest-dom/vitest';
// Unmounts rendered components after each test.
import '@testing-library/svelte/vitest';
