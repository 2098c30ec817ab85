/**
 * The phone trap corpus (issue 14): what extractPhones must find in a text, exactly. A campaign's
 * phone indicators are exported to partners (CSV, STIX, MISP), so a reference, an amount or a date
 * read as a number is a false indicator sent outside. Written from realistic French scam and genuine
 * messages. These are the tuning cases; a blind third, never used to tune, is in
 * phone-traps.blind.cases.ts.
 */
export interface PhoneTrap {
  readonly text: string;
  /** Every number to find, in order: E.164, or the digits of a short number. */
  readonly phones: readonly string[];
  /** What the case stands for. */
  readonly why: string;
}

export const PHONE_TRAPS: readonly PhoneTrap[] = [
  // References glued to letters, the case of the issue.
  { text: 'Votre dossier CP2025-88412 est incomplet.', phones: [], why: 'the reference of the issue' },
  { text: 'Régularisez ici : https://ameli-dossiers.info/suivi?ref=CP2025-88412', phones: [], why: 'the reference in a query string' },
  { text: 'Réf. REF88412 — merci de rappeler cette référence.', phones: [], why: 'reference glued to letters' },
  { text: 'Référence de paiement : PAY-2025-0312-4471', phones: [], why: 'payment reference' },
  { text: 'Votre code client AB0612345678 est à conserver.', phones: [], why: 'mobile-shaped digits glued to letters' },
  { text: 'Ticket #0612345678 ouvert auprès du support.', phones: [], why: 'ticket number after #' },
  // IBAN, RIB, cards.
  { text: 'Nouveau RIB : FR76 3000 6000 0112 3456 7890 189', phones: [], why: 'IBAN in groups' },
  { text: 'IBAN FR7630006000011234567890189 BIC BNPAFRPP', phones: [], why: 'compact IBAN' },
  { text: 'Merci de virer sur IBAN: FR76 1027 8060 4100 0205 2850 175 avant vendredi.', phones: [], why: 'IBAN, other bank' },
  { text: 'RIB : 30006 00001 12345678901 89', phones: [], why: 'French RIB in its four fields' },
  { text: 'Carte n° 4970 1012 3456 7890, expiration 09/27', phones: [], why: 'card number in groups of four' },
  // Amounts and percentages.
  { text: 'Un remboursement de 1 250,00 € vous attend.', phones: [], why: 'amount with a space' },
  { text: 'Vous avez gagné 2 450 000 EUR.', phones: [], why: 'large amount, EUR' },
  { text: 'Montant dû : € 1 299 990,00', phones: [], why: 'amount after the euro sign' },
  { text: 'Solde créditeur de 12 345 678,90 € sur votre compte.', phones: [], why: 'eight-digit amount' },
  { text: 'Indemnité de 1.250.000,00 euros versée sous 48 h.', phones: [], why: 'amount with dots' },
  { text: 'Rendement garanti de 12,5 % par mois sur 100 000 €.', phones: [], why: 'percentage and amount' },
  { text: 'Frais : 2,99 € 3,49 € 4,99 € 12,90 € selon la formule.', phones: [], why: 'a list of prices' },
  // Dates and times.
  { text: 'Votre paiement du 12/03/2025 a été refusé.', phones: [], why: 'date with slashes' },
  { text: 'Échéance : 2025-03-12', phones: [], why: 'ISO date' },
  { text: 'Connexion détectée le 12.03.2025 10:45 depuis un nouvel appareil.', phones: [], why: 'dotted date and time' },
  { text: 'Période du 01/02/2025 au 28/02/2025 non déclarée.', phones: [], why: 'two dates in a row' },
  { text: 'Horodatage : 2025-03-12T14:30:00Z', phones: [], why: 'timestamp' },
  { text: 'Rendez-vous le 12 03 2025 à 14h30.', phones: [], why: 'date with spaces, time' },
  { text: 'Votre créneau : 14h30 – 15h00, salle 2.', phones: [], why: 'times' },
  { text: 'Date de naissance : 12 03 1975', phones: [], why: 'birth date' },
  { text: 'Identifiant de session 1741785600 expiré.', phones: [], why: 'Unix timestamp' },
  // Professional identifiers.
  { text: 'Votre numéro RPPS 10003456789 est suspendu.', phones: [], why: 'RPPS after « numéro »' },
  { text: 'RPPS : 10 003 456 789', phones: [], why: 'RPPS in groups' },
  { text: 'Identifiant RPPS : 10101234567 — Dr Martin', phones: [], why: 'RPPS' },
  { text: 'SIRET : 732 829 320 00074', phones: [], why: 'SIRET in groups' },
  { text: 'SIRET 73282932000074', phones: [], why: 'compact SIRET' },
  { text: 'Société enregistrée sous le SIREN 732 829 320.', phones: [], why: 'SIREN in groups of three' },
  { text: 'N° TVA intracommunautaire : FR 40 123456789', phones: [], why: 'VAT number' },
  { text: 'Numéro fiscal : 0123456789012', phones: [], why: 'tax number after « numéro »' },
  { text: 'NIR : 185037512345678', phones: [], why: 'compact social security number' },
  // Dossiers, invoices, orders, tracking.
  { text: 'Concernant votre n° de dossier 2025-884127, une pièce manque.', phones: [], why: 'dossier number of the issue' },
  { text: 'Dossier N° 0412-5566-789 en attente de paiement.', phones: [], why: 'dossier number starting with 0' },
  { text: 'Facture FAC-2025-000123 impayée.', phones: [], why: 'invoice reference' },
  { text: 'Facture n° 0045781236 à régler sous 8 jours.', phones: [], why: 'invoice number, ten digits starting with 0' },
  { text: 'Numéro de facture : 0123456789', phones: [], why: 'ten-digit invoice number after « numéro de facture »' },
  { text: 'Commande #40123456789 expédiée.', phones: [], why: 'order number' },
  { text: 'Commande n° 112-3456789-1234567 : livraison prévue demain.', phones: [], why: 'marketplace order number' },
  { text: 'Contrat n° 06123456789 résilié.', phones: [], why: 'contract number, eleven digits starting with 0' },
  { text: 'Votre colis 6A12345678901 ne rentrait pas dans la boîte aux lettres.', phones: [], why: 'Colissimo tracking number' },
  { text: 'Chronopost : colis XW123456789FR en attente de frais de douane.', phones: [], why: 'Chronopost tracking number' },
  { text: 'Numéro de suivi : 00340434161094042557', phones: [], why: 'tracking number starting with 00' },
  { text: 'Suivi UPS : 1Z999AA10123456784', phones: [], why: 'UPS tracking number' },
  { text: 'Avis de passage n° 8R01234567890', phones: [], why: 'notice number' },
  // Addresses.
  { text: 'ANDPC, CS 70001 - 92130 Issy-les-Moulineaux', phones: [], why: 'postal box and postal code' },
  { text: 'BP 12345 75001 Paris Cedex 01', phones: [], why: 'postal box and postal code' },
  { text: 'Cabinet médical, 12 rue de la Paix, 75002 Paris.', phones: [], why: 'street address' },
  // Digits inside links and addresses.
  { text: 'https://ameli.fr-remboursement.info/0612345678', phones: [], why: 'mobile-shaped path' },
  { text: 'Ouvrez http://185.12.4.7:8080/0612345678 pour valider.', phones: [], why: 'IP address, port and path' },
  { text: 'Formulaire : www.assistance-cps.fr/?tel=0612345678', phones: [], why: 'number in a query string' },
  { text: 'Écrivez à contact0612345678@gmail.com', phones: [], why: 'digits in an email address' },
  { text: 'Message de 33612345678@s.whatsapp.net', phones: [], why: 'WhatsApp address' },
  // Other runs of digits.
  { text: 'Mise à jour vers la version 10.0.19045.3803 requise.', phones: [], why: 'version number' },
  { text: 'Serveur 192.168.100.200 injoignable.', phones: [], why: 'IP address' },
  { text: 'Code : 123 456 789', phones: [], why: 'nine digits without a leading 0' },
  { text: 'Votre code d’accès : 061234', phones: [], why: 'six-digit code' },
  { text: 'Réf 20250612345678 à rappeler.', phones: [], why: 'long reference containing a mobile-shaped run' },
  // Numbers that are phones, in the usual French writings.
  { text: '06 12 34 56 78', phones: ['+33612345678'], why: 'mobile alone' },
  { text: '0612345678', phones: ['+33612345678'], why: 'compact mobile alone' },
  { text: 'Appelez le 0612345678 avant 18 h.', phones: ['+33612345678'], why: 'compact mobile' },
  { text: 'Votre conseiller : +33 6 12 34 56 78', phones: ['+33612345678'], why: '+33 with spaces' },
  { text: 'Joignable au +33 (0)6 12 34 56 78', phones: ['+33612345678'], why: '+33 (0) form' },
  { text: 'WhatsApp +33612345678', phones: ['+33612345678'], why: 'compact +33' },
  { text: 'Portable : 06-12-34-56-78', phones: ['+33612345678'], why: 'hyphens' },
  { text: 'Appelez le 06 12 34 56 78 ou le 07 98 76 54 32.', phones: ['+33612345678', '+33798765432'], why: 'two mobiles' },
  { text: 'Standard : 01.89.62.07.15', phones: ['+33189620715'], why: 'dots' },
  { text: 'Service client : 0 825 801 801 (0,15 €/min)', phones: ['+33825801801'], why: 'surcharged number and its price' },
  { text: 'Rappelez vite le 08 99 12 34 56 !', phones: ['+33899123456'], why: 'premium number' },
  { text: 'tél : 04 91 23 45 67', phones: ['+33491234567'], why: 'fixed line, Marseille' },
  { text: 'Tél06 12 34 56 78', phones: ['+33612345678'], why: 'number glued to « Tél »' },
  { text: 'Tel:0612345678', phones: ['+33612345678'], why: 'compact after « Tel: »' },
  { text: 'Rappelez-moi au 0145678912, je suis au cabinet.', phones: ['+33145678912'], why: 'compact fixed line' },
  { text: 'Contact : +33.6.12.34.56.78', phones: ['+33612345678'], why: '+33 with dots' },
  { text: 'Depuis l’étranger : 0033612345678', phones: ['+33612345678'], why: 'compact 0033' },
  { text: 'Cabinet de Fort-de-France : 0596 61 23 45', phones: ['+596596612345'], why: 'Martinique fixed line dialled from France' },
  { text: 'Cayenne : 0594 29 12 34', phones: ['+594594291234'], why: 'Guyane fixed line dialled from France' },
  { text: 'Saint-Denis : 0262 41 23 45', phones: ['+262262412345'], why: 'Réunion fixed line dialled from France' },
  { text: 'Mon portable à La Réunion : 0692 12 34 56', phones: ['+262692123456'], why: 'Réunion mobile dialled from France' },
  { text: 'Portable en Martinique : 06 96 12 34 56', phones: ['+596696123456'], why: 'Martinique mobile in pairs' },
  { text: 'Nouméa : +687 25 12 34', phones: ['+687251234'], why: 'New Caledonia' },
  { text: 'Papeete : +689 40 12 34 56', phones: ['+68940123456'], why: 'French Polynesia' },
  { text: 'Genève : +41 22 123 45 67', phones: ['+41221234567'], why: 'Swiss fixed line' },
  { text: 'Appelez notre conseiller au +212 6 12 34 56 78', phones: ['+212612345678'], why: 'Moroccan mobile' },
  { text: 'Service de recouvrement : +225 07 07 12 34 56', phones: ['+2250707123456'], why: 'Ivorian mobile' },
  { text: 'Londres : 0044 20 7946 0958', phones: ['+442079460958'], why: 'foreign number dialled with 00' },
  { text: 'Pharmacie de garde : composez le 3237.', phones: ['3237'], why: 'short number after « composez »' },
  { text: 'Pour joindre l’Assurance Maladie, appelez le 36 46.', phones: ['3646'], why: 'short number in two groups' },
  { text: 'Violences : contactez le 3919, anonyme et gratuit.', phones: ['3919'], why: 'short number after « contactez »' },
  { text: 'Retraite, tél. 3960', phones: ['3960'], why: 'short number after « tél. »' },
  { text: 'Numéro vert : 0 800 130 000', phones: ['+33800130000'], why: 'free number in 1-3-3-3' },
  { text: 'Appel reçu à 8h50, il m’a dit « vous serez bloquée demain ». N° 09 70 73 28 14.', phones: ['+33970732814'], why: 'the caller’s number after « N° »' },
  { text: 'Message vocal : « rappelez le 0 899 18 72 30 avant ce soir »', phones: ['+33899187230'], why: 'premium number written 0 899 as the plan writes it' },
];

/** Whole messages run through analyze(): the numbers in their indicators, exactly. */
export const PHONE_TRAP_MESSAGES: readonly (PhoneTrap & { readonly kind: 'sms' | 'email' })[] = [
  {
    kind: 'sms',
    text: 'ameli : votre remboursement de 149,90 € (dossier CP2025-88412) est en attente. Validez sur https://ameli-rembourse.info/?ref=CP2025-88412 ou appelez le 09 70 12 34 56.',
    phones: ['+33970123456'],
    why: 'the scam of the issue',
  },
  {
    kind: 'email',
    text: 'De : Service RPPS <support@rpps-sante.fr>\nObjet : Mise à jour obligatoire\n\nDocteur, votre numéro RPPS 10101234567 arrive à échéance le 31/03/2025. Réglez les frais de 89,00 € sur l’IBAN FR76 3000 6000 0112 3456 7890 189 (référence 2025-884127) ou contactez le 01 89 62 07 15.',
    phones: ['+33189620715'],
    why: 'a fake RPPS renewal with every kind of trap',
  },
  {
    kind: 'sms',
    text: 'Cabinet du Dr Martin : votre RDV du 12/03/2025 à 14h30 est confirmé. 12 rue de la Paix 75002 Paris. Tél. 01 45 67 89 12. Code de la porte : 4521.',
    phones: ['+33145678912'],
    why: 'a genuine reminder: one number among a date, a time, an address and a door code',
  },
  {
    kind: 'sms',
    text: 'Colissimo : votre colis 6A12345678901 est bloqué (frais 1,99 EUR). Payez sur https://colis-laposte.info/6A12345678901 avant le 2025-03-14.',
    phones: [],
    why: 'a parcel scam without a number',
  },
];
