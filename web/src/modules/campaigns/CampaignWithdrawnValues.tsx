import { INDICATOR_KIND_LABELS } from '../../../../contracts/campaigns.schemas.js';
import type { TCampaignPage } from '../../../../contracts/campaigns.schemas.js';
import { formatShortDateTime } from '../../lib/format.js';

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/**
 * « Valeurs retirées »: what the campaign published, so partners may have received it, and the
 * re-reading of the reports withdrew. Nothing is shown when the campaign has none.
 */
export function CampaignWithdrawnValues({ withdrawn }: { withdrawn: TCampaignPage['withdrawn'] }) {
  const { items, total, otherDepartements } = withdrawn;
  if (items.length === 0 && otherDepartements === 0) return null;
  return (
    <section className="section" aria-labelledby="campagne-valeurs-retirees">
      <h3 id="campagne-valeurs-retirees">Valeurs retirées</h3>
      <p className="muted">
        Publiées par cette campagne, ces valeurs ont pu être transmises aux partenaires. Aucun signalement ne les porte plus : les analyses ne
        les signalent plus et les exports ne les contiennent plus.
      </p>
      {items.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="campagne-valeurs-retirees-legende" tabIndex={0}>
          <table className="table">
            <caption id="campagne-valeurs-retirees-legende">
              <span className="table__caption">
                Valeurs publiées puis retirées, les plus récentes en premier{total > items.length ? ` (${items.length} sur ${total})` : ''}
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Valeur</th>
                <th scope="col">Retirée le</th>
                <th scope="col">Motif</th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={`${w.kind}:${w.value}`}>
                  <th scope="row">
                    <span className="muted">{INDICATOR_KIND_LABELS[w.kind]} : </span>
                    <span className="break">{w.display}</span>
                  </th>
                  <td>{formatShortDateTime(w.withdrawnAt)}</td>
                  <td>{w.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {otherDepartements > 0 ? (
        <p className="muted">
          {otherDepartements} autre{plural(otherDepartements, '', 's')} valeur{plural(otherDepartements, '', 's')} retirée
          {plural(otherDepartements, '', 's')}, relevée{plural(otherDepartements, '', 's')} uniquement dans les signalements d'autres départements,
          n'{plural(otherDepartements, 'apparaît', 'apparaissent')} pas ici.
        </p>
      ) : null}
    </section>
  );
}
