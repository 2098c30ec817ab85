/**
 * Words of the structural reading (see structure.ts): what a message claims to be, what it asks,
 * through which means, under which pressure, and how a genuine prevention notice speaks. Phrases are
 * read like rule phrases (engine/ruleset.ts: case, accents, stop words and plurals ignored; `*` ends
 * a prefix; `"ANS"` must be in capitals). These are categories of meaning, not sentences of any corpus.
 */
import type { Expression } from '../../engine/ruleset.js';

export interface LexiconEntry {
  readonly id: string;
  /** How the explanation names it (« se présente comme … », « vous demande de … »). */
  readonly label: string;
  readonly phrases: readonly Expression[];
}

/** Pretexts: who the message claims to be, or on whose behalf it speaks. */
export const PRETEXTS: readonly LexiconEntry[] = [
  {
    id: 'assurance_maladie',
    label: 'l’Assurance Maladie',
    phrases: ['assurance maladie', 'ameli', '"CPAM"', '"CNAM"', 'caisse primaire', 'carte vitale', 'mon espace santé', 'remboursement de soins', 'feuille de soins', 'mutuelle'],
  },
  {
    id: 'impots',
    label: 'l’administration fiscale',
    phrases: ['impots.gouv', 'impôt', 'impots', 'finances publiques', '"DGFIP"', 'trésor public', "avis d'imposition", 'fiscal*', 'service des impôts', 'prélèvement à la source'],
  },
  {
    id: 'amende',
    label: 'un service des amendes ou de la route',
    phrases: ['antai', 'amende', 'contravention', 'avis de contravention', 'infraction', "crit'air", 'critair', 'vignette', 'péage', 'flux libre', 'stationnement', 'excès de vitesse', '"ANTS"', 'permis de conduire'],
  },
  {
    id: 'colis',
    label: 'un transporteur de colis',
    phrases: ['colis', 'colissimo', 'chronopost', 'bureau de poste', 'laposte', 'livraison', 'livreur', '"DHL"', '"UPS"', 'fedex', 'mondial relay', 'point relais', "frais d'expédition", 'avis de passage', 'frais de douane', 'dédouanement'],
  },
  {
    id: 'banque',
    label: 'votre banque',
    phrases: ['banque', 'bancaire', 'conseiller bancaire', 'service fraude', 'opération suspecte', 'paiement suspect', 'carte bancaire', 'crédit agricole', 'société générale', '"BNP"', '"LCL"', "caisse d'épargne", 'banque populaire', 'crédit mutuel', 'banque postale', 'boursorama', 'espace client'],
  },
  {
    id: 'sante_pro',
    label: 'un organisme des professionnels de santé (Ordre, ANDPC, ANS, URSSAF, CARMF…)',
    phrases: [
      'ordre des médecins', "conseil de l'ordre", "conseil départemental de l'ordre", '"CNOM"', '"CDOM"', 'andpc', 'agence nationale du dpc', 'agencedpc', 'mondpc', '"DPC"',
      'développement professionnel continu', 'certification périodique', '"ANS"', 'agence du numérique en santé', 'e-cps', 'ecps', 'carte cps', '"CPS"', 'pro santé connect',
      'urssaf', 'carmf', 'agence régionale de santé', '"ARS"', 'ameli pro', 'espace pro', 'rpps', 'numéro adeli', 'certification', 'organisme agréé', 'oniam', 'ministère de la santé', 'direction générale de la santé', '"DGS"', 'mssanté', 'mssante', 'messagerie sécurisée', 'télétransmission', 'conventionnement',
    ],
  },
  {
    id: 'police_justice',
    label: 'la police ou la justice',
    phrases: ['police', 'gendarmerie', 'gendarme', 'procureur', 'tribunal', 'brigade', 'commissariat', 'convocation judiciaire', 'huissier', 'commissaire de justice', 'plainte', 'pédopornographie', 'cybercriminalité', 'europol', 'interpol', 'juge'],
  },
  {
    id: 'formation_aides',
    label: 'un service d’aides ou de formation (CPF, chèque énergie, prime…)',
    phrases: ['mon compte formation', 'moncompteformation', '"CPF"', 'droits formation', 'chèque énergie', 'indemnité inflation', 'prime', '"CAF"', 'allocation', 'aide exceptionnelle'],
  },
  {
    id: 'annuaire_conformite',
    label: 'un annuaire, un registre ou un service de mise en conformité',
    phrases: ['annuaire', 'registre', 'référencement', 'mise en conformité', 'rgpd', '"CNIL"', 'accessibilité', 'registre public', 'parution', 'insertion', 'publication', 'directory', 'protection des données', 'données personnelles', '"DPO"', 'déclaration obligatoire', 'mise aux normes'],
  },
  {
    id: 'fournisseur',
    label: 'un fournisseur, un prestataire ou votre hiérarchie',
    phrases: ['fournisseur', 'prestataire', 'éditeur', 'logiciel', 'facture', 'directeur', 'président', 'comptabilité', 'comptable', 'cabinet comptable', 'nos coordonnées bancaires', 'notre banque'],
  },
  {
    id: 'support_technique',
    label: 'un support technique ou votre messagerie',
    phrases: ['support technique', 'assistance technique', 'microsoft', 'windows', 'messagerie', 'boîte mail', 'boîte de réception', 'quota', 'webmail', 'virus', 'ordinateur', 'service informatique', 'administrateur'],
  },
  {
    id: 'proche',
    label: 'un proche',
    phrases: ['maman', 'papa', 'fiston', 'nouveau numéro', 'téléphone cassé', 'tombé dans', "c'est moi"],
  },
  {
    id: 'gain',
    label: 'une offre d’argent ou d’emploi',
    phrases: ['investissement', 'placement', 'rendement', 'crypto*', 'bitcoin', "offre d'emploi", 'mission rémunérée', 'gagnant', 'héritage', 'portefeuille', 'épargne', 'candidature', 'annonce'],
  },
];

/** Requested actions. */
export const ACTIONS: readonly LexiconEntry[] = [
  {
    id: 'click',
    label: 'cliquer sur un lien ou vous connecter',
    phrases: ['cliquez', 'cliquer', 'clique', 'cliquant', 'connectez-vous', 'connectez vous', 'vous connecter', 'rendez-vous sur', 'rendez vous sur', 'suivez le lien', 'via le lien', 'lien ci-dessous', 'lien suivant', 'accédez', 'choisissez', 'choisir un nouveau', 'reprogrammer', 'reprogrammez', 'nouveau créneau', 'récupérer', 'récupérez', 'acceptez', 'accepter la demande', 'revalidez', 'revalider', 'accéder à votre compte', 'scannez', 'scanner le code', 'flashez', 'flasher'],
  },
  {
    id: 'call_back',
    label: 'rappeler un numéro',
    phrases: ['rappelez', 'rappeler', 'rappeller', 'appelez', 'appeler le numéro', 'composez', 'contactez-nous au', 'contacter au numéro', 'joindre au numéro', 'nous joindre', 'contacter le service', 'contactez le service', 'contactez votre conseiller'],
  },
  {
    id: 'pay',
    label: 'payer',
    phrases: ['payer', 'payez', 'paiement', 'régler', 'réglez', 'règlement', 'frais', 'verser', 'versez', 'virement', "s'acquitter", 'acquitter', 'acquittez', 'affranchissement', 'montant', 'somme', 'régularisation', 'régulariser', 'régularisez', 'cotisation due', 'bitcoin', 'carte cadeau', 'recharge', 'coupon', 'encaissez', 'encaisser', 'renvoyer la différence', 'rembourser la différence', 'acompte', 'mandat de prélèvement', 'prochains virements'],
  },
  {
    id: 'bank_details',
    label: 'donner vos coordonnées bancaires',
    phrases: ['coordonnées bancaires', 'numéro de carte', 'carte bancaire', 'rib', 'iban', 'cryptogramme', 'date d’expiration', "date d'expiration", 'relevé d’identité bancaire', "relevé d'identité bancaire", 'nouveau rib', 'nouvelles coordonnées'],
  },
  {
    id: 'code_credentials',
    label: 'donner un code ou vos identifiants',
    phrases: ['code reçu', 'code de confirmation', 'code de validation', 'code de sécurité', 'code à usage unique', 'code secret', 'code sms', 'code par sms', 'code que vous', 'code qui vient', 'identifiant', 'identifiants', 'mot de passe', 'mots de passe', 'accès à votre compte', 'codes d’accès', "codes d'accès", 'pin', 'code pin', 'authentification'],
  },
  {
    id: 'install',
    label: 'installer un logiciel ou laisser prendre la main sur votre ordinateur',
    phrases: ['installez', 'installer', 'installation', 'télécharger', 'téléchargez', 'anydesk', 'teamviewer', 'quicksupport', 'prise en main à distance', 'contrôle à distance', 'accès à distance', 'distance', 'application'],
  },
  {
    id: 'sign_form',
    label: 'signer ou renvoyer un formulaire',
    phrases: ['signer', 'signez', 'signature', 'bon de commande', 'bon pour accord', 'remplir', 'remplissez', 'complétez', 'compléter', 'formulaire', 'retourner', 'retournez', 'renvoyer', 'renvoyez', 'cocher', 'parapher', 'tamponner', 'bulletin'],
  },
  {
    id: 'update',
    label: 'mettre à jour ou confirmer vos informations',
    phrases: ['mettre à jour', 'mettez à jour', 'mise à jour', 'confirmer vos informations', 'confirmez vos informations', 'confirmer vos coordonnées', 'confirmez vos coordonnées', 'vérifier vos informations', 'vérifiez vos informations', 'vérifier vos coordonnées', 'vérifiez vos coordonnées', 'valider vos informations', 'validez vos informations', 'valider votre compte', 'validez votre compte', 'valider votre dossier', 'validez votre dossier', 'actualiser', 'actualisez', 'renouveler', 'renouvelez', 'réactiver', 'réactivez', 'débloquer', 'débloquez', 'identifiez-vous', 'identifiez vous', 'vérifier votre identité', 'vérification de votre identité'],
  },
  {
    id: 'reply',
    label: 'répondre ou envoyer des documents',
    phrases: ['répondez', 'répondre', 'répondez-moi', 'envoyez', 'envoyer', 'transmettre', 'transmettez', 'faites-moi', 'par retour', 'whatsapp', 'écrivez-moi', 'écris-moi', 'pièce d’identité', "pièce d'identité", 'justificatif', 'photo de votre carte', 'copie de votre carte', 'réponds', 'réponds-moi', 'reponds moi', 'écris-moi', 'enregistre ce numéro', 'enregistrez ce numéro', 'dis-moi', 'tu peux', 'peux-tu', 'service rapide', 'petit service'],
  },
];

/** Means named in words; links, numbers and addresses found in the message count too. */
export const MEANS: readonly LexiconEntry[] = [
  { id: 'lien', label: 'un lien', phrases: ['lien', 'ci-dessous', 'ci dessous'] },
  { id: 'qr', label: 'un QR code', phrases: ['qr code', 'qrcode', 'code qr', 'flashez', 'scannez'] },
  { id: 'piece_jointe', label: 'une pièce jointe', phrases: ['joint', 'jointe', 'pièce jointe', 'pièces jointes', 'ci-joint', 'ci-jointe', 'ci joint', 'document joint', 'formulaire joint', 'en annexe'] },
  { id: 'telephone', label: 'un numéro de téléphone', phrases: ['numéro', 'numéro suivant', 'numéro ci-dessous', 'numéro direct', 'ligne directe'] },
  { id: 'messagerie', label: 'une réponse par message', phrases: ['whatsapp', 'par retour', 'par retour de mail', 'répondez à ce message', 'par mail', 'par courriel', 'adresse suivante', 'télécopie', 'fax'] },
];

/** Pressure: a deadline, a threat, a loss, or an unexpected gain. */
export const PRESSURES: readonly LexiconEntry[] = [
  {
    id: 'delai',
    label: 'sous un délai',
    phrases: ['24h', '48h', '72h', '24 heures', '48 heures', '72 heures', 'sous 24', 'sous 48', 'sous 72', 'sous 7 jours', 'sous 5 jours', 'sous 3 jours', 'immédiatement', 'sans délai', 'dès aujourd’hui', "dès aujourd'hui", 'avant ce soir', 'avant minuit', 'au plus vite', 'rapidement', 'urgent', 'urgence', 'dernier rappel', 'dernière relance', 'dernier avis', 'dernier délai', 'délai', 'expire', 'expiré', 'expirera', 'expiration', 'aujourd’hui', "aujourd'hui", 'dans les plus brefs', "d'ici", 'heures restantes', 'plus que'],
  },
  {
    id: 'menace',
    label: 'sous la menace d’une sanction',
    phrases: ['suspension', 'suspendu', 'suspendre', 'bloqué', 'blocage', 'bloquer', 'désactivé', 'désactivation', 'désactiver', 'radiation', 'radié', 'radier', 'poursuite*', 'pénalité', 'pénalités', 'majoration', 'majoré', 'mise en demeure', 'huissier', 'saisie', 'sanction*', 'clôture', 'clôturé', 'fermeture', 'résiliation', 'contentieux', 'recouvrement', 'procédure judiciaire', 'mandat', 'arrestation', 'garde à vue', 'interdiction', 'gel', 'gelé', 'gelés', 'rejet', 'retour à l’expéditeur', "retour à l'expéditeur", 'renvoyé à l’expéditeur', "renvoyé à l'expéditeur", 'détruit', 'compromis', 'piraté', 'infecté', 'diffuser', 'diffusion', 'vidéo'],
  },
  {
    id: 'perte',
    label: 'sous la menace d’une perte d’argent ou de droits',
    phrases: ['perdre', 'perdu', 'perdus', 'perte', 'expirent', 'seront perdus', 'plus valable', 'annulé', 'annulation', 'débité', 'prélevé', 'retrait', 'dette', 'impayé', 'impayée', 'en retard', 'non réglé', 'non réglée', 'solde restant', 'reste à payer'],
  },
  {
    id: 'gain',
    label: 'en faisant miroiter un remboursement ou un gain',
    phrases: ['remboursement', 'rembourser', 'remboursé', 'trop-perçu', 'trop perçu', 'en attente de versement', 'vous êtes éligible', 'éligible', 'indemnisation', 'indemnité', 'gagné', 'gagnant', 'gain', 'bonus', 'offert', 'offerte', 'gratuit', 'gratuite', 'prise en charge à 100', 'financé à 100', 'rendement', 'crédit en votre faveur', 'somme vous revient'],
  },
];

/** Protective framing: what prevention notices say. Negated requests are found apart (structure.ts). */
export const PROTECTIVE_PHRASES: readonly Expression[] = [
  'hameçonnage', 'hameconnage', 'phishing', 'tentative de fraude', 'tentatives de fraude', "tentative d'escroquerie", "tentatives d'escroquerie", 'tentatives d’escroquerie',
  'messages frauduleux', 'courriels frauduleux', 'sms frauduleux', 'appels frauduleux', 'faux messages', 'faux courriels', 'faux sms', 'faux appels', 'faux conseillers',
  'soyez vigilant', 'soyez vigilants', 'restez vigilant', 'restez vigilants', 'redoublez de vigilance', 'appel à la vigilance', 'méfiez-vous', 'méfiez vous', 'se faisant passer', 'se font passer',
  'usurpent', 'usurpation', 'usurpant', 'recrudescence', 'mise en garde', 'mettre en garde', 'liste noire', 'campagne de messages', 'campagnes de messages', 'campagne frauduleuse', 'campagnes frauduleuses', 'signalez-le', 'signalez ce message', 'signal-spam', 'signal spam', '33700', 'cybermalveillance', 'pharos',
  'ne cliquez pas', 'ne cliquez sur aucun', 'ne répondez pas', 'ne rappelez pas', 'ne communiquez pas', 'ne communiquez jamais', 'ne donnez jamais', 'ne transmettez jamais', 'ne jamais communiquer', 'ne jamais donner',
  'jamais par sms', 'jamais par téléphone', 'jamais par courriel', 'jamais par mail', 'jamais par e-mail', 'ne vous demandera jamais', 'ne vous demanderons jamais', 'ne vous demande jamais', 'ne vous demandent jamais',
  'ne vous sera jamais', 'ne seront jamais', 'aucun conseiller', 'aucun agent',
];

/** Words that turn a nearby request into its opposite (« ne cliquez jamais », « sans jamais demander »). */
export const NEGATION_WORDS: ReadonlySet<string> = new Set(['ne', 'n', 'jamais', 'aucun', 'aucune', 'sans']);
