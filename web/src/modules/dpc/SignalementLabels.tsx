import { DPC_PRIORITY_LABELS, type DpcPriority } from '../../../../contracts/dpc.schemas.js';
import { DPC_SIGNALEMENT_STATUS_LABELS, type DpcSignalementStatus } from '../../../../contracts/dpc-signalements.schemas.js';

const STATUS_CLASSES: Record<DpcSignalementStatus, string> = {
  nouveau: 'badge badge--warning',
  en_revue: 'badge',
  avis_rendu: 'badge',
  contradictoire: 'badge badge--warning',
  decide: 'badge badge--muted',
};

export function SignalementStatusBadge({ status }: { status: DpcSignalementStatus }) {
  return <span className={STATUS_CLASSES[status]}>{DPC_SIGNALEMENT_STATUS_LABELS[status]}</span>;
}

export function SignalementPriorityBadge({ priority }: { priority: DpcPriority }) {
  const tone = priority === 'haute' ? 'badge badge--danger' : priority === 'moyenne' ? 'badge badge--warning' : 'badge badge--muted';
  return <span className={tone}>{DPC_PRIORITY_LABELS[priority]}</span>;
}
