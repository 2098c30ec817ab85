/**
 * Phrases reused by several rules. Prevention messages (from the Ordre, the ANDPC, a bank…) quote
 * the very words scammers use; these negations cancel a rule when they sit next to its match.
 */
export const NEGATIONS_OF_CONTACT = [
  'ne vous contactera jamais',
  'ne contactera jamais',
  'ne contacteront jamais',
  'ne contactent jamais',
  'ne vous contacte jamais',
  'ne vous appellera jamais',
  'ne vous demandera jamais',
  'ne vous demanderont jamais',
  'ne demande jamais',
  'ne demandent jamais',
  'ne démarche jamais',
  'ne démarchent jamais',
  'jamais directement',
  'ne communiquez jamais',
  'ne jamais communiquer',
  'ne transmettez jamais',
  'ne donnez jamais',
  'ne partagez jamais',
  'ne jamais partager',
  'ne le communiquez',
  'ne le partagez',
  'ne le transmettez',
  "n'existe pas",
  'démarchage abusif',
  'démarchages abusifs',
  'soyez vigilants',
  'soyez vigilant',
  'restez vigilants',
  'restez vigilant',
] as const;

/** Verbs of a request to hand something over, as written by a scammer or reported by a doctor. */
export const HAND_OVER_VERBS = [
  'communiquez-moi', 'me communiquer', 'nous communiquer', 'communiquer le code', 'communiquez le code',
  'communiquez ce code', 'transmettez-moi', 'me transmettre', 'nous transmettre', 'transmettre le code',
  'transmettez le code', 'envoyez-moi', 'renvoyez-moi', 'me renvoyer', "peux m'envoyer", "pouvez-vous m'envoyer",
  "pourriez-vous m'envoyer", "peux me l'envoyer", "pouvez-vous me l'envoyer",
  'donnez-moi', 'me donner', 'dites-moi', 'me dire', 'lisez-moi', 'me lire', 'dictez', 'me dicter',
  'me transférer', 'me faire suivre', 'faites-moi suivre', 'répondez avec', 'répondre avec',
  'en réponse à ce', 'par retour', 'recopiez', 'confirmer le code', 'confirmez le code',
] as const;
