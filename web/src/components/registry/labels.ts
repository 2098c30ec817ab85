import { AGENT_CHANGE_CHANNELS, CHANGE_CHANNEL_LABELS, DOCTOR_FIELD_LABELS, DOCTOR_HISTORY_SOURCE_LABELS } from '../../../../contracts/registry.schemas.js';
import type { AgentChangeChannel, ChangeStatus } from '../../../../contracts/registry.schemas.js';
import type { RadioOption } from '../fields.js';

// How the register's words are shown (the words and their labels are in contracts/registry.schemas.ts), for the
// agents' pages (registry) and the doctor's own (self-registry).

/** The badge colour of a status: done, stopped, or still waiting. */
export function changeStatusTone(status: ChangeStatus): string {
  if (status === 'appliquee') return 'badge badge--success';
  if (status === 'gelee' || status === 'rejetee') return 'badge badge--danger';
  return 'badge badge--warning';
}

/** The channels an agent records a request from, as radio buttons. */
export const AGENT_CHANNEL_OPTIONS: readonly RadioOption<AgentChangeChannel>[] = AGENT_CHANGE_CHANNELS.map((value) => ({
  value,
  label: CHANGE_CHANNEL_LABELS[value],
}));

/** A record field as a person reads it (history, requested changes); an unknown one as it is. */
export function fieldLabel(field: string): string {
  return DOCTOR_FIELD_LABELS[field] ?? field;
}

const HISTORY_SOURCE_LABELS = new Map<string, string>(Object.entries(DOCTOR_HISTORY_SOURCE_LABELS));

/** Where a version of a record came from; an unknown source as it is. */
export function historySourceLabel(source: string): string {
  return HISTORY_SOURCE_LABELS.get(source) ?? source;
}
