import type { MessageKind } from '../../../../analysis/analysis.types.js';

interface KindText {
  label: string;
  /** Label of the text box for this kind. */
  textLabel: string;
  hint: string;
  rows: number;
  inputMode?: 'tel' | 'url';
}

export const KIND_TEXTS: Readonly<Record<MessageKind, KindText>> = {
  sms: {
    label: 'SMS',
    textLabel: 'Message à vérifier',
    hint: "Copiez le texte du SMS et, si possible, le numéro de l'expéditeur.",
    rows: 6,
  },
  email: {
    label: 'Courriel',
    textLabel: 'Message à vérifier',
    hint: "Copiez l'expéditeur, l'objet et le texte du courriel, ou déposez le fichier ci-dessous.",
    rows: 6,
  },
  call: {
    label: 'Appel téléphonique',
    textLabel: "Ce que l'interlocuteur a dit",
    hint: "Notez ce qui a été dit, le nom de l'organisme annoncé et le numéro qui vous a appelé.",
    rows: 6,
  },
  link: {
    label: 'Lien',
    textLabel: 'Message à vérifier',
    hint: "Collez le lien reçu, sans l'ouvrir.",
    rows: 2,
    inputMode: 'url',
  },
  phone: {
    label: 'Numéro de téléphone',
    textLabel: 'Message à vérifier',
    hint: 'Saisissez le numéro, par exemple 01 23 45 67 89.',
    rows: 2,
    inputMode: 'tel',
  },
};

export const KIND_OPTIONS = (Object.keys(KIND_TEXTS) as MessageKind[]).map((value) => ({ value, label: KIND_TEXTS[value].label }));
