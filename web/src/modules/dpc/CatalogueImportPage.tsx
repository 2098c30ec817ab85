import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DPC_IMPORT_COLUMNS, DPC_PRIORITIES, DPC_PRIORITY_LABELS, MAX_DPC_IMPORT_BYTES, type TDpcImportRequest } from '../../../../contracts/dpc.schemas.js';
import { TextField } from '../../components/fields.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { ApiError } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatFileSize } from '../../lib/format.js';
import { CatalogueImportErrors } from './CatalogueImportErrors.js';
import { useImportCatalogue, type TDpcImportReport } from './dpc.api.js';

const FORM_ID = 'import-catalogue';

/** « csv » or « json » from the file's name or type; null for anything else. */
export function importFormatOf(file: File): TDpcImportRequest['format'] | null {
  if (/\.json$/i.test(file.name) || file.type === 'application/json') return 'json';
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') return 'csv';
  return null;
}

/** The file's bytes in base64, as the import route takes them (FileReader: a data URL, minus its header). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

function fileError(file: File | null): string | null {
  if (!file) return 'Choisissez le fichier du catalogue.';
  if (!importFormatOf(file)) return 'Choisissez un fichier CSV (.csv) ou JSON (.json).';
  if (file.size === 0) return 'Ce fichier est vide.';
  if (file.size > MAX_DPC_IMPORT_BYTES) return `Le fichier pèse ${formatFileSize(file.size)} : 20 Mo au maximum. Découpez le catalogue en plusieurs fichiers.`;
  return null;
}

/** « Importer le catalogue DPC »: a CSV or JSON file of the ANDPC, all or nothing, every action screened. */
export function CatalogueImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const importing = useImportCatalogue();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    importing.reset();
    const problem = fileError(file);
    setLocalError(problem);
    if (problem || !file) return;
    setReading(true);
    try {
      const contentBase64 = await readAsBase64(file);
      importing.mutate({ format: importFormatOf(file)!, fileName: file.name, contentBase64 });
    } catch {
      setLocalError('Le fichier n’a pas pu être lu. Choisissez-le de nouveau.');
    } finally {
      setReading(false);
    }
  }

  const error = importing.error;
  const lineErrors = error instanceof ApiError ? Object.entries(error.fields).filter(([path]) => path.startsWith('lignes.')) : [];
  const serverErrors = toFormErrors(error);
  const fileFieldError = localError ?? (error instanceof ApiError ? error.fields.contentBase64 ?? error.fields.fileName ?? error.fields.format : undefined);
  const pending = reading || importing.isPending;

  return (
    <Page title="Importer le catalogue DPC">
      <p>
        Le fichier de l’ANDPC, en CSV (séparateur « ; », « , » ou « | ») ou en JSON, 20 Mo au maximum. L’import est tout ou
        rien : une seule ligne refusée refuse le fichier, et rien n’est écrit. Chaque action importée est lue par le repérage
        des dérives. <Link to="/vigilance-dpc/catalogue">Retour au catalogue</Link>
      </p>
      <p>
        Colonnes : {Object.values(DPC_IMPORT_COLUMNS).map((label) => `« ${label} »`).join(', ')}.
      </p>
      {lineErrors.length > 0 ? <CatalogueImportErrors errors={lineErrors} /> : null}
      {lineErrors.length === 0 && serverErrors ? <FormError errors={{ message: serverErrors.message, fields: fileFieldError ? { fichier: fileFieldError } : {} }} idPrefix={FORM_ID} /> : null}
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          idPrefix={FORM_ID}
          name="fichier"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          label="Fichier du catalogue"
          hint="CSV ou JSON, 20 Mo au maximum."
          error={fileFieldError ?? undefined}
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            setLocalError(null);
          }}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Importer
          </button>
        </div>
      </form>
      {pending ? <Loading label="Import en cours : le fichier est lu et chaque programme repéré…" /> : null}
      <div role="status">{importing.data ? <ImportReport report={importing.data} /> : null}</div>
    </Page>
  );
}

function ImportReport({ report }: { report: TDpcImportReport }) {
  return (
    <Notice tone="success" title="Catalogue importé">
      <p>
        {report.actionsImported.toLocaleString('fr-FR')} action{report.actionsImported > 1 ? 's' : ''} importée{report.actionsImported > 1 ? 's' : ''},
        lue{report.actionsImported > 1 ? 's' : ''} avec le lexique {report.lexiconVersion} ; {report.organisationsCreated.toLocaleString('fr-FR')} organisme
        {report.organisationsCreated > 1 ? 's' : ''} nouveau{report.organisationsCreated > 1 ? 'x' : ''}, {report.organisationsUpdated.toLocaleString('fr-FR')} mis à jour.
      </p>
      <ul>
        {[...DPC_PRIORITIES].reverse().map((priority) => (
          <li key={priority}>
            {DPC_PRIORITY_LABELS[priority]} : {report.priorities[priority].toLocaleString('fr-FR')}
            {priority !== 'aucune' && report.priorities[priority] > 0 ? (
              <>
                {' '}
                — <Link to={`/vigilance-dpc/catalogue?priority=${priority}`}>voir ces actions</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
