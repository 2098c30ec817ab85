/**
 * Contexts that cancel a drift marker found next to them (engine `unlessNear`). A genuine programme
 * says what it does not promise with the very words a drift programme uses to promise it; and a
 * programme that teaches how to recognise drift names the markers in order to warn against them.
 */

/** Said in the negative or as a limit; isNegatedHit (messages/negation.ts) catches « ne … pas » itself. */
export const NEGATION_VETOES = [
  'en aucun cas', 'aucunement', 'nullement', 'aucune promesse', 'sans promesse', 'ne promet', 'ne promettons',
  'ne prétend', 'ne prétendons', 'ne remplace', 'ne remplacent', 'ne se substitue', 'ne se substituent',
  'jamais se substituer', 'jamais remplacer', 'ne dispense', 'non culpabilis*', 'sans culpabilis*', 'déculpabilis*', 'sans avis médical', 'aucun arrêt', 'sans s y substituer', 'sans se substituer', 'sans remplacer', 'sans jamais remplacer', 'sans jamais', 'jamais retarder', 'ni interrompre',
] as const;

/**
 * Stopping or limiting a treatment is good practice when prescribers decide it with the patient:
 * deprescription, weaning, antibiotic stewardship, limitation of treatments at the end of life.
 */
export const PRESCRIBER_DECISION_VETOES = [
  'sous surveillance médicale', 'décision partagée', 'réévaluation', 'réévaluer', 'sevrage progressif',
  'benzodiazépine*', 'inhibiteurs de la pompe', 'antibiothérapie', 'antibiotique*', 'polymédication', 'médicaments inappropriés',
  'limitation', 'obstination déraisonnable', 'collégial*', 'sédation', 'directives anticipées',
  // A decision taken with the patient by the treating team (palliative care, a patient informed of it) is care.
  'soins palliatifs', 'soins de confort', 'patient informé', 'décidé avec', 'décision médicale partagée', 'décision partagée avec', 'décidée avec', 'décision d arrêt', 'avec son oncologue', 'avec son médecin', 'avec le prescripteur', 'déprescription',
] as const;

/**
 * Words of a programme about recognising drift (the MIVILUDES–ANDPC convention asks for such
 * sessions): near them, a marker is quoted to warn, not taught. Applied to programmes only, by
 * warning-context.ts: a signalement always warns, that is what it is for.
 */
export const WARNING_CUES = [
  'dérive', 'mivilude*', 'charlatan*', 'pseudo thérapeute*', 'pseudo médecine*', 'pseudo science*', 'pseudo scientifique*', 'perte de chance',
  'repérer les dérives', 'signaler les dérives', 'mise en garde', 'mettre en garde', 'emprise', 'abus de faiblesse',
  'exercice illégal', 'sujétion', 'non validée*', 'non validé*', 'non éprouvé*', 'efficacité non démontrée', 'sans preuve', 'aucune preuve',
  'illusoire*', 'prétendu*', 'soi disant', 'allégation*', 'fausses promesses', 'promesses trompeuses', 'esprit critique', 'désinformation',
  'fausses informations', 'réfutation', 'signaux d alerte', 'zététique', 'hiérarchie des preuves', 'hésitation vaccinale', 'idées reçues',
] as const;

/** Cues that, two of them anywhere in a programme, make it a programme about drift as a whole. */
export const ABOUT_DRIFT_CUES = [
  'dérive sectaire', 'dérives thérapeutiques', 'mivilude*', 'charlatan*', 'pseudo science*', 'pseudo scientifique*', 'pseudo thérapeute*',
  'perte de chance', 'emprise', 'abus de faiblesse', 'esprit critique', 'zététique', 'signaux d alerte', 'repérer et signaler',
  'hésitation vaccinale', 'fausses informations', 'désinformation', 'réfutation', 'hiérarchie des preuves', 'idées reçues',
] as const;
