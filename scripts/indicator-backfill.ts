import { backfillReportIndicators, INDICATOR_EXTRACTION_VERSION } from '../server/modules/campaigns/index.js';
import { openScriptDatabase } from './script-database.js';

// `npm run indicators:backfill`: reads every grouped report's indicators again with today's extraction
// (docs/campaigns.md « Indicators read again after an upgrade »), as the job queued at the first start
// after an upgrade does. Safe to run again: a second run changes nothing. Prints counts only.
const { config, database } = await openScriptDatabase();
try {
  console.log(`Relecture des indicateurs des signalements (règles d’extraction, version ${INDICATOR_EXTRACTION_VERSION})…`);
  const total = await backfillReportIndicators(
    { config, database },
    { onBatch: (c) => console.log(`  ${c.reportsRead} signalements lus, ${c.reportsChanged} modifiés`) },
  );
  console.log(
    `Terminé : ${total.reportsRead} signalements lus, ${total.reportsChanged} modifiés, ${total.rowsAdded} indicateurs ajoutés, ` +
      `${total.rowsRemoved} retirés, ${total.valuesWithdrawn} valeurs publiées retirées (voir le journal d’audit).`,
  );
} finally {
  await database.close();
}
