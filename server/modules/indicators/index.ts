// The face of the indicators module, the keeper of `fraud_indicators` (docs/architecture.md).

// Every reader that flags known indicators: message checks, report filing, registry's suspicious details.
export { findActiveIndicators, type IndicatorSighting } from './indicators.repo.js';
// Message checks: the same lookup from memory, kept current through LISTEN/NOTIFY (started by the checks plugin).
export { startIndicatorCache, type IndicatorLookup } from './indicator-cache.js';
// The agents' decisions on held or false-positive indicators, served by the campaigns module
// (campaigns/indicator-decisions.service.ts), which owns the grouping those decisions undo.
export {
  decideIndicator,
  findCarriers,
  findIndicatorInScope,
  indicatorReachDepartements,
  listHeldIndicators,
  markPublishedFalsePositive,
  type IndicatorRecord,
} from './indicators.repo.js';
