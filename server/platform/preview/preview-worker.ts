import { renderAttachmentPreview, type AttachmentPreview } from './render-preview.js';

// One render per child process, started by preview-renderer.ts with a bounded heap, a deadline and an
// empty environment: a hostile file that loops, swells or crashes the native image decoder (a truncated
// PNG makes @napi-rs/canvas segfault) kills only this process, never the server.

export interface PreviewRequest {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
}

export type PreviewReply = AttachmentPreview;

process.once('message', (request: PreviewRequest) => {
  void renderAttachmentPreview(request.bytes, request.mediaType).then((reply: PreviewReply) => {
    process.send?.(reply, () => process.exit(0));
  });
});
