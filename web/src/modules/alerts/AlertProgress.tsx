import type { TAlertView } from '../../../../contracts/alerts.schemas.js';

/** Broadcast progress: sent, waiting, failed, out of the deliveries materialised at approval. */
export function AlertProgress({ alert }: { alert: TAlertView }) {
  const { total, sent, pending, failed } = alert.deliveries;
  const done = sent + failed;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const fr = (n: number) => n.toLocaleString('fr-FR');
  return (
    <section className="section" aria-labelledby="alerte-progression">
      <h2 id="alerte-progression">Diffusion</h2>
      <progress className="alert-progress" max={Math.max(total, 1)} value={total > 0 ? done : 1} aria-describedby="alerte-progression-texte">
        {percent} %
      </progress>
      <p id="alerte-progression-texte" role="status">
        {fr(sent)} envoyé{sent > 1 ? 's' : ''} sur {fr(total)} ({percent} %)
        {pending > 0 ? `, ${fr(pending)} ${alert.status === 'retiree' ? 'non envoyé' + (pending > 1 ? 's' : '') + ' (alerte retirée)' : 'en attente'}` : ''}
        {failed > 0 ? `, ${fr(failed)} en échec` : ''}.
        {alert.status === 'en_diffusion' ? ' La page se met à jour toute seule.' : ''}
      </p>
    </section>
  );
}
