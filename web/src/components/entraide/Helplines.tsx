import { DEFAULT_HELPLINES, EMERGENCY_NUMBERS, type THelplines } from '../../../../contracts/entraide.schemas.js';
import { Notice } from '../Notice.js';

/** « 0800 288 038 » → « tel:0800288038 »: what a phone dials when the link is touched. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/**
 * The emergency numbers, first on every entraide screen: an emergency is not a case for the commission.
 * The numbers come with the helplines from the API; until they arrive (or if it cannot be reached), the
 * same numbers from the contracts, so they are never missing.
 */
export function EmergencyNotice({ emergency = EMERGENCY_NUMBERS }: { emergency?: readonly THelplines['emergency'][number][] | undefined }) {
  return (
    <Notice tone="warning" title="En cas d'urgence, n'attendez pas">
      <p>Si une vie est en danger ou si vous pensez au suicide, appelez tout de suite :</p>
      <ul className="plain-list">
        {emergency.map((e) => (
          <li key={e.number}>
            <a href={telHref(e.number)}>
              <strong>Appeler le {e.number}</strong>
            </a>{' '}
            — {e.label}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/**
 * The helplines as large call links with their hours, each under an h3 (shown below an h2 section). The
 * national default from the contracts until the API answers, so a number is never missing.
 */
export function HelplineCards({ helplines = DEFAULT_HELPLINES }: { helplines?: readonly THelplines['helplines'][number][] | undefined }) {
  return (
    <ul className="cards">
      {helplines.map((line) => (
        <li key={`${line.name}-${line.number}`} className="card">
          <h3>
            {line.name} <span className="muted">— {line.purpose}</span>
          </h3>
          <p>{line.hours}</p>
          <p>
            <a className="button" href={telHref(line.number)} aria-label={`Appeler ${line.name} au ${line.number}`}>
              {line.number}
            </a>
          </p>
        </li>
      ))}
    </ul>
  );
}
