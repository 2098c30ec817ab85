import { useState } from 'react';
import { TLP_LABELS } from '../../../../contracts/sharing.schemas.js';
import type { IndicatorExportFormat, TlpLevel } from '../../../../contracts/sharing.schemas.js';
import { CheckboxField, RadioGroupField } from '../fields.js';
import type { RadioOption } from '../fields.js';
import { DownloadStatus } from './DownloadStatus.js';
import { indicatorExportPath, useFileDownload } from './sharing.api.js';

const ID = 'partage-indicateurs';

const TLP_OPTIONS: readonly RadioOption<TlpLevel>[] = [
  { value: 'amber', label: `${TLP_LABELS.amber} — le destinataire le diffuse dans son organisation et à ses clients, si nécessaire (par défaut)` },
  { value: 'green', label: `${TLP_LABELS.green} — diffusion dans la communauté du destinataire, pas publiquement` },
  { value: 'clear', label: `${TLP_LABELS.clear} — diffusion libre` },
];

const FORMATS: readonly { format: IndicatorExportFormat; label: string; description: string }[] = [
  { format: 'csv', label: 'CSV (tableur)', description: 'pour Excel ou LibreOffice' },
  { format: 'stix', label: 'STIX 2.1', description: 'pour les plateformes de partage de menaces' },
  { format: 'misp', label: 'MISP', description: 'événement à importer dans MISP' },
];

/** Export links of a campaign's indicators (CSV, STIX 2.1, MISP), shown on the campaign page. */
export function CampaignExportLinks({ campaignId }: { campaignId: string }) {
  const [tlp, setTlp] = useState<TlpLevel>('amber');
  const [includeAll, setIncludeAll] = useState(false);
  const download = useFileDownload();

  function exportAs(format: IndicatorExportFormat) {
    const path = indicatorExportPath(campaignId, { format, tlp, include: includeAll ? 'all' : 'linking' });
    download.mutate({ path, fallbackName: `indicateurs.${format === 'csv' ? 'csv' : 'json'}` });
  }

  return (
    <section className="card sharing-panel" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Partager les indicateurs</h2>
      <p>
        Pour l'ANS, l'ANDPC, cybermalveillance.gouv.fr ou les forces de l'ordre : numéros de téléphone, noms de domaine,
        adresses web et adresses électroniques de la campagne. Ni l'identité des déclarants, ni le texte des échanges, ni les
        notes n'y figurent. Chaque export est enregistré dans le journal d'audit.
      </p>
      <RadioGroupField idPrefix={ID} name="tlp" legend="Marquage de diffusion (TLP)" options={TLP_OPTIONS} value={tlp} onChange={setTlp} />
      <CheckboxField
        idPrefix={ID}
        name="include"
        label="Inclure aussi les indicateurs en attente de décision ou expirés"
        hint="Par défaut, seuls les indicateurs actifs ou approuvés sont exportés. Les valeurs courantes et les faux positifs ne le sont jamais."
        checked={includeAll}
        onChange={(event) => setIncludeAll(event.currentTarget.checked)}
      />
      <div className="button-row">
        {FORMATS.map(({ format, label, description }) => (
          <button key={format} type="button" className="button button--secondary" disabled={download.isPending} onClick={() => exportAs(format)}>
            Télécharger {label}
            <span className="visually-hidden"> ({description})</span>
          </button>
        ))}
      </div>
      <DownloadStatus error={download.error} file={download.data} failureTitle="Export impossible" />
    </section>
  );
}
