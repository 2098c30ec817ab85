import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TTriageReportDetail } from '../../../../contracts/triage.schemas.js';
import { renderWithApp, stubFetch } from '../../../test/render.js';
import { AttachmentPreview } from './AttachmentPreview.js';

type Attachment = TTriageReportDetail['attachments'][number];

function file(overrides: Partial<Attachment>): Attachment {
  return {
    id: 'f-1',
    reportId: 'r-1',
    receiptNumber: 'SIG-2026-AAAA1111',
    fromDuplicate: false,
    origin: 'televersement',
    fileName: 'capture sms.png',
    mediaType: 'image/png',
    sizeBytes: 4156,
    sha256: 'a'.repeat(64),
    scanStatus: 'sain',
    createdAt: '2026-11-16T09:12:00.000Z',
    ...overrides,
  };
}

const PREVIEW = '/api/triage/reports/r-1/attachments/f-1/preview';

describe('an attachment previewed on the report page', () => {
  it('shows a screenshot or a PDF as a lazy image named after the file, keeping the download link', () => {
    const sent = stubFetch({});
    renderWithApp(<AttachmentPreview file={file({ fileName: 'relance.pdf', mediaType: 'application/pdf' })} />);

    const image = screen.getByRole('img', { name: 'Aperçu de relance.pdf' });
    expect(image.getAttribute('src')).toBe(PREVIEW);
    expect(image.getAttribute('loading')).toBe('lazy');
    expect(screen.getByRole('status').textContent).toBe('Chargement de l’aperçu…');
    expect(screen.getByRole('link', { name: /^Télécharger ?« relance.pdf »$/ }).getAttribute('href')).toBe('/api/triage/reports/r-1/attachments/f-1');

    fireEvent.load(image);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('img', { name: 'Aperçu de relance.pdf' })).toBeTruthy();
    // The browser loads the image itself: no request through the API client.
    expect(sent).toHaveLength(0);
  });

  it('says so when the image cannot be shown, and lets the agent ask again', () => {
    stubFetch({});
    renderWithApp(<AttachmentPreview file={file({})} />);
    fireEvent.error(screen.getByRole('img', { name: 'Aperçu de capture sms.png' }));

    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Aperçu indisponible : téléchargez le fichier pour l’ouvrir.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Télécharger ?« capture sms.png »$/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Réessayer l’aperçu ?de « capture sms.png »$/ }));
    expect(screen.getByRole('img', { name: 'Aperçu de capture sms.png' }).getAttribute('src')).toBe(PREVIEW);
  });

  it('shows an email as plain text in a focusable box, never as HTML', async () => {
    const text = 'De : Ordre <contact@ordre.example>\nObjet : Relance\n\n<b>Payez</b> avant le 30/06';
    stubFetch({ [`GET ${PREVIEW}`]: { body: { kind: 'text', text } } });
    const { container } = renderWithApp(<AttachmentPreview file={file({ fileName: 'relance.eml', mediaType: 'message/rfc822' })} />);

    expect(screen.getByRole('status').textContent).toBe('Chargement de l’aperçu…');
    const box = await screen.findByLabelText('Aperçu de relance.eml');
    expect(box.tagName).toBe('PRE');
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(box.textContent).toBe(text);
    expect(container.querySelector('b')).toBeNull();
  });

  it('gives the server’s reason when a file has no preview, and the API’s message when the request fails', async () => {
    stubFetch({
      [`GET ${PREVIEW}`]: { body: { kind: 'none', reason: 'Aperçu indisponible : ce fichier est trop volumineux. Téléchargez-le.' } },
      'GET /api/triage/reports/r-1/attachments/f-2/preview': { status: 404, body: { error: { code: 'NOT_FOUND', message: "Cette ressource n'existe pas.", requestId: 'req-test' } } },
    });
    renderWithApp(
      <>
        <AttachmentPreview file={file({ fileName: 'long.txt', mediaType: 'text/plain' })} />
        <AttachmentPreview file={file({ id: 'f-2', fileName: 'autre.txt', mediaType: 'text/plain' })} />
      </>,
    );
    expect(await screen.findByText('Aperçu indisponible : ce fichier est trop volumineux. Téléchargez-le.')).toBeTruthy();
    expect(await screen.findByText("Cette ressource n'existe pas.")).toBeTruthy();
  });

  it('does not ask the server for an Outlook message: it has no preview', () => {
    const sent = stubFetch({});
    renderWithApp(<AttachmentPreview file={file({ fileName: 'message.msg', mediaType: 'application/vnd.ms-outlook' })} />);
    expect(screen.getByText('Aperçu indisponible pour ce type de fichier : téléchargez-le.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Télécharger ?« message.msg »$/ })).toBeTruthy();
    expect(sent).toHaveLength(0);
  });
});
