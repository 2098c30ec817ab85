import { useEffect, useRef, useState } from 'react';
import { DPC_REPORTER_KIND_LABELS, type DpcReporterKind } from '../../../../contracts/dpc-signalements.schemas.js';
import type { TDpcReporter } from '../../../../contracts/dpc-workflow.schemas.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { readReporter } from './dpc-workflow.api.js';
import { Detail, Details } from '../../components/Details.js';

/**
 * « Voir l'identité de l'auteur »: the reporter's identity, read on demand (each read audited). It lives
 * in this component's state only — never in the query cache — so it is gone as soon as the reader leaves
 * the signalement or hides it.
 */
export function SignalementReporterReveal({ signalementId }: { signalementId: string }) {
  const [reporter, setReporter] = useState<TDpcReporter | null>(null);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      // An answer arriving after the reader left is dropped, never kept.
      mounted.current = false;
    };
  }, []);

  async function reveal() {
    setErrors(null);
    setPending(true);
    try {
      const found = await readReporter(signalementId);
      if (mounted.current) setReporter(found);
    } catch (error) {
      if (mounted.current) setErrors(toFormErrors(error));
    } finally {
      if (mounted.current) setPending(false);
    }
  }

  return (
    <section className="section" aria-labelledby="signalement-auteur">
      <h2 id="signalement-auteur">Auteur du signalement</h2>
      <FormError errors={errors} idPrefix="signalement-auteur" />
      {reporter ? (
        <div className="card">
          <FocusedHeading>Identité de l’auteur</FocusedHeading>
          <p className="audit-note">Consultation enregistrée dans le journal d’audit. Ne la reportez dans aucun document transmis à l’organisme, à l’ANDPC ou à la MIVILUDES.</p>
          <Details>
            <Detail label="Nom">{reporter.fullName}</Detail>
            <Detail label="Qualité">{DPC_REPORTER_KIND_LABELS[reporter.reporterKind as DpcReporterKind]}</Detail>
            {reporter.profession ? <Detail label="Profession">{reporter.profession}</Detail> : null}
            {reporter.relation ? <Detail label="Lien avec les faits">{reporter.relation}</Detail> : null}
            {reporter.email ? <Detail label="Courriel">{reporter.email}</Detail> : null}
            {reporter.phone ? <Detail label="Téléphone">{reporter.phone}</Detail> : null}
          </Details>
          <button type="button" className="button button--secondary" onClick={() => setReporter(null)}>
            Masquer l’identité
          </button>
        </div>
      ) : (
        <>
          <p>
            L’identité de l’auteur n’est pas affichée. Ne la consultez que si l’examen l’exige : <strong>chaque consultation est tracée</strong>.
          </p>
          <button type="button" className="button" disabled={pending} onClick={() => void reveal()}>
            Voir l’identité de l’auteur
          </button>
        </>
      )}
    </section>
  );
}
