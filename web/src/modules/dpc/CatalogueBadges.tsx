import { DPC_PRIORITY_LABELS, type DpcPriority } from '../../../../contracts/dpc.schemas.js';

const PRIORITY_CLASS: Record<DpcPriority, string> = {
  haute: 'badge badge--danger',
  moyenne: 'badge badge--warning',
  basse: 'badge',
  aucune: 'badge badge--muted',
};

/** The drift screening's priority of a training action, labelled as contracts/ says it. */
export function PriorityBadge({ priority }: { priority: DpcPriority }) {
  return <span className={PRIORITY_CLASS[priority]}>{DPC_PRIORITY_LABELS[priority]}</span>;
}
