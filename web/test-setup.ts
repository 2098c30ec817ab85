import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Each test starts on an empty page with the real fetch back in place.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
