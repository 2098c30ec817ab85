import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pngSize } from './image-size.js';
import { PREVIEW_UNREADABLE } from './preview-messages.js';
import { createPreviewRenderer, PreviewBusyError, type PreviewRendererOptions } from './preview-renderer.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const hostile = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const OPTIONS: PreviewRendererOptions = { maxConcurrent: 2, maxWaiting: 4, timeoutMs: 20_000, maxOldGenerationSizeMb: 256 };
const UNREADABLE = { kind: 'none', reason: PREVIEW_UNREADABLE };

// Every render runs in a child process started for it (tsx from the sources): a few seconds each.
describe('createPreviewRenderer', { timeout: 60_000 }, () => {
  it('renders in a separate process and hands back the redrawn PNG', async () => {
    const preview = await createPreviewRenderer(OPTIONS).render(fixture('capture.png'), 'image/png');
    expect(preview.kind).toBe('image');
    if (preview.kind === 'image') expect(pngSize(preview.png)).toEqual({ width: 320, height: 200 });
  });

  it('survives a file that crashes the native decoder: a PNG header without image data segfaults @napi-rs/canvas', async () => {
    const headerOnly = fixture('capture.png').subarray(0, 33);
    expect(await createPreviewRenderer(OPTIONS).render(headerOnly, 'image/png')).toEqual(UNREADABLE);
  });

  it('kills a render that runs past its deadline', async () => {
    const renderer = createPreviewRenderer({ ...OPTIONS, timeoutMs: 1500, workerUrl: hostile('stalling-worker.ts') });
    const started = Date.now();
    expect(await renderer.render(fixture('one-page.pdf'), 'application/pdf')).toEqual(UNREADABLE);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('stops a render that swells past its heap limit', async () => {
    const renderer = createPreviewRenderer({ ...OPTIONS, maxOldGenerationSizeMb: 32, workerUrl: hostile('hungry-worker.ts') });
    expect(await renderer.render(fixture('one-page.pdf'), 'application/pdf')).toEqual(UNREADABLE);
  });

  it('answers none when the render process exits without answering', async () => {
    const renderer = createPreviewRenderer({ ...OPTIONS, workerUrl: hostile('silent-worker.ts') });
    expect(await renderer.render(fixture('capture.png'), 'image/png')).toEqual(UNREADABLE);
  });

  it('runs at most maxConcurrent renders, lets maxWaiting wait, and refuses the next at once', async () => {
    const renderer = createPreviewRenderer({ ...OPTIONS, maxConcurrent: 1, maxWaiting: 1, timeoutMs: 1500, workerUrl: hostile('stalling-worker.ts') });
    const first = renderer.render(fixture('capture.png'), 'image/png');
    const second = renderer.render(fixture('capture.png'), 'image/png');
    await expect(renderer.render(fixture('capture.png'), 'image/png')).rejects.toBeInstanceOf(PreviewBusyError);
    const started = Date.now();
    expect(await first).toEqual(UNREADABLE);
    // The waiting render only started once the first one was killed: it took its own deadline after.
    expect(await second).toEqual(UNREADABLE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    // Both slots free again.
    await expect(renderer.render(fixture('capture.png'), 'image/png')).resolves.toEqual(UNREADABLE);
  });
});
