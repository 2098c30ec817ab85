import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// A page that loads a chart library on demand can take more than a second on a loaded CI machine: the
// find* queries wait up to 5 s (a passing test returns as soon as the element shows).
configure({ asyncUtilTimeout: 5_000 });

// Each test starts on an empty page with the real fetch back in place.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
