import type { TAnalysis } from '../../../../contracts/checks.schemas.js';

type Indicators = TAnalysis['indicators'];

const PHONE_CATEGORIES: Readonly<Record<string, string>> = {
  surtaxe: 'numéro surtaxé',
  majore: 'numéro majoré',
  gratuit: 'numéro gratuit',
  mobile: 'mobile',
  fixe: 'fixe',
  voip: 'numéro par internet',
  court: 'numéro court',
  etranger: "numéro à l'étranger",
};

const ADDRESS_ROLES: Readonly<Record<string, string>> = {
  from: 'expéditeur',
  reply_to: 'adresse de réponse',
  return_path: 'adresse de retour',
  sender: 'envoyé par',
  text: 'citée dans le texte',
};

/** « +33899123456 » → « 08 99 12 34 56 », as French doctors read numbers. */
function formatPhone(e164: string): string {
  const french = /^\+33(\d{9})$/.exec(e164);
  return french?.[1] ? `0${french[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : e164;
}

interface Item {
  value: string;
  /** Plain words about the value, e.g. its role. */
  note?: string | undefined;
}

function Group({ title, items, technical = true }: { title: string; items: Item[]; technical?: boolean }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="indicators">
        {items.map((item, index) => (
          <li key={`${index}-${item.value}`} className="break">
            <span className={technical ? 'indicators__value' : undefined} translate="no">
              {item.value}
            </span>
            {item.note ? ` (${item.note})` : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function hasIndicators(indicators: Indicators): boolean {
  return Object.values(indicators).some((list) => list.length > 0);
}

/**
 * What the message points to. Links and addresses may be malicious: they are plain text, never links.
 */
export function IndicatorsList({ indicators }: { indicators: Indicators }) {
  const phones = indicators.phones.map((p) => ({ value: formatPhone(p.e164), note: PHONE_CATEGORIES[p.category] }));
  const addresses = indicators.emailAddresses.map((a) => {
    const role = ADDRESS_ROLES[a.role] ?? a.role;
    return { value: a.address, note: a.displayName ? `${role}, nom affiché « ${a.displayName} »` : role };
  });
  const plain = (values: readonly string[]) => values.map((value) => ({ value }));
  return (
    <>
      <p className="muted">Affichés sans lien cliquable, par précaution : ne les ouvrez pas et ne les rappelez pas.</p>
      <Group title="Numéros de téléphone" items={phones} />
      <Group title="Adresses électroniques" items={addresses} />
      <Group title="Domaines" items={plain(indicators.domains)} />
      <Group title="Liens" items={plain(indicators.urls)} />
      <Group title="Organismes cités" items={plain(indicators.organisations.map((o) => o.label))} technical={false} />
    </>
  );
}
