/** Exit codes of `vigie`, documented in the help below. */
export const EXIT = {
  noSignal: 0,
  suspect: 1,
  likelyFraud: 2,
  batchWithErrors: 3,
  usage: 64,
  unreadableInput: 66,
  internal: 70,
} as const;

export const HELP_TEXT = `vigie — vérifie un message suspect reçu par un médecin (SMS, courriel, appel, lien, numéro)

Utilisation :
  vigie check [--kind sms|email|call|link|phone] [--json] FICHIER|-
  vigie check --batch ENTREE.jsonl
  vigie --help

Commande check :
  FICHIER          le message à analyser : texte d'un SMS, notes d'un appel, lien, numéro,
                   courriel copié ou fichier .eml ; « - » lit l'entrée standard.
  --kind TYPE      type du message ; sans cette option, Vigie le devine (.eml ou en-têtes de
                   courriel → email, une seule adresse web → link, un seul numéro → phone,
                   sinon sms).
  --json           écrit l'analyse complète en JSON au lieu du compte rendu en français.
  --batch FICHIER  lit une ligne JSON par message : {"id": "...", "kind": "sms", "text": "..."}
                   et écrit une ligne JSON de résultat par message :
                   {"id", "verdict", "score", "findings"}. Une ligne invalide donne
                   {"id", "error": {"code", "message"}} sans arrêter le traitement.

Codes de sortie :
  0   aucun signal de fraude (ou lot traité sans erreur avec --batch)
  1   message suspect
  2   fraude probable
  3   lot traité, mais au moins une ligne en erreur (--batch)
  64  utilisation incorrecte (option inconnue, fichier manquant…)
  66  fichier illisible
  70  erreur interne
`;
