/** Exit codes of `vigie`, documented in the help below. */
export const EXIT = {
  noSignal: 0,
  suspect: 1,
  likelyFraud: 2,
  batchWithErrors: 3,
  usage: 64,
  refusedInput: 65,
  unreadableInput: 66,
  internal: 70,
} as const;

export const HELP_TEXT = `vigie — vérifie un message suspect reçu par un médecin (SMS, courriel, appel, lien, numéro)

Utilisation :
  vigie check [--kind sms|email|call|link|phone] [--json] FICHIER|-
  vigie check --batch ENTREE.jsonl|- [--jobs N]
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
                   {"id", "verdict", "score", "findings"} (et "notices" si l'analyse est
                   partielle). Une ligne invalide donne {"id", "error": {"code", "message"}}
                   sans arrêter le traitement. « - » lit l'entrée standard. Les résultats
                   sortent au fil de la lecture, dans l'ordre des lignes, sans tout garder
                   en mémoire : un fichier de plusieurs gigaoctets passe.
  --jobs N         avec --batch : nombre de fils d'analyse en parallèle, de 1 à 64 ; par
                   défaut, le nombre de cœurs de la machine. --jobs 1 analyse dans le
                   processus lui-même. La sortie est la même quel que soit N.

Tailles :
  Un courriel (.eml, ou "text" d'une ligne --batch de kind "email") pèse au plus 25 Mo ;
  au-delà il est refusé (« Courriel de 31,2 Mo : la limite est de 25 Mo. », code
  EML_TOO_LARGE avec --batch). Le texte d'une ligne d'un autre type : 200 000 caractères.
  Sont analysés les 100 000 premiers caractères du corps et 20 000 de chaque pièce jointe
  texte (.txt, .csv, .ics, .eml transféré ; 60 000 en tout) ; tous les liens sont vérifiés
  (50 au plus) ; les autres pièces jointes (PDF, images, Office…) sont listées, pas lues.

Codes de sortie :
  0   aucun signal de fraude (ou lot traité sans erreur avec --batch)
  1   message suspect
  2   fraude probable
  3   lot traité, mais au moins une ligne en erreur (--batch)
  64  utilisation incorrecte (option inconnue, fichier manquant ou vide, dossier au lieu
      d'un fichier, lot sans aucune ligne, --jobs invalide…)
  65  message refusé (courriel de plus de 25 Mo)
  66  fichier illisible
  70  erreur interne (avec --batch : le message dit jusqu'à quelle ligne la sortie est
      complète)
`;
