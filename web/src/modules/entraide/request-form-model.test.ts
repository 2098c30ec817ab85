import { describe, expect, it } from 'vitest';
import {
  checkOwnRequest,
  checkRequestFor,
  fieldOfPath,
  initialNeed,
  initialRequestFor,
  natureFromQuery,
  toFieldErrors,
  toOwnRequestBody,
  toRequestForBody,
  type RequestForValues,
} from './request-form-model.js';

function relative(patch: Partial<RequestForValues> = {}): RequestForValues {
  return {
    ...initialRequestFor({ callerIsRelative: true }),
    departement: '69',
    beneficiaryKind: 'medecin',
    beneficiaryFirstName: 'Hélène',
    beneficiaryLastName: 'Morel',
    requesterFirstName: 'Paul',
    requesterLastName: 'Morel',
    requesterRelation: 'Conjoint',
    natures: ['sante'],
    means: 'telephone',
    phone: '06 12 34 56 78',
    ...patch,
  };
}

describe('the entraide request forms’ model', () => {
  it('pre-fills a nature named in the address only when it is one of the contract’s', () => {
    expect(natureFromQuery('financiere')).toEqual(['financiere']);
    expect(natureFromQuery('sante')).toEqual(['sante']);
    expect(natureFromQuery('argent')).toEqual([]);
    expect(natureFromQuery(null)).toEqual([]);
  });

  it('asks for a nature and a choice about contact before anything is sent', () => {
    expect(checkOwnRequest(initialNeed())).toEqual({
      natures: 'Choisissez au moins une nature de difficulté.',
      means: 'Indiquez si la commission peut vous contacter, et comment.',
    });
    expect(checkOwnRequest({ ...initialNeed(['personnelle']), means: 'aucun' })).toEqual({});
  });

  it('asks for the contact detail that goes with the chosen means, and checks it', () => {
    const need = initialNeed(['financiere']);
    expect(checkOwnRequest({ ...need, means: 'telephone' })).toEqual({ phone: 'Indiquez le numéro auquel la commission peut appeler.' });
    expect(checkOwnRequest({ ...need, means: 'telephone', phone: 'demain' }).phone).toMatch(/^Numéro de téléphone invalide/);
    expect(checkOwnRequest({ ...need, means: 'courriel' })).toEqual({ email: "Indiquez l'adresse électronique à laquelle la commission peut écrire." });
    expect(checkOwnRequest({ ...need, means: 'courriel', email: 'pas-une-adresse' })).toEqual({ email: 'Adresse électronique invalide.' });
    expect(checkOwnRequest({ ...need, means: 'courrier', address: '  ' })).toEqual({ address: "Indiquez l'adresse postale à laquelle la commission peut écrire." });
    // A phone number left in the field after choosing « courriel » is not asked for, and not checked.
    expect(checkOwnRequest({ ...need, means: 'courriel', email: 'dr.morel@exemple.fr', phone: 'demain' })).toEqual({});
  });

  it('sends only the detail of the chosen means, the choice standing for the consent', () => {
    const typed = { ...initialNeed(['financiere', 'personnelle']), message: '  Je n’y arrive plus.  ', phone: '06 12 34 56 78', email: 'dr.morel@exemple.fr', address: '1 rue de la Paix' };
    expect(toOwnRequestBody({ ...typed, means: 'courriel' })).toEqual({
      natures: ['financiere', 'personnelle'],
      urgency: 'normale',
      message: 'Je n’y arrive plus.',
      contact: { means: 'courriel', consent: true, email: 'dr.morel@exemple.fr' },
    });
    expect(toOwnRequestBody({ ...typed, means: 'aucun' }).contact).toEqual({ means: 'aucun', consent: false });
    expect(toOwnRequestBody({ ...typed, means: 'telephone' }).contact).toEqual({ means: 'telephone', consent: true, phone: '06 12 34 56 78' });
  });

  it('asks a relative who the person is, who they are and where, and checks an RPPS number given', () => {
    const empty = initialRequestFor({ callerIsRelative: true });
    expect(Object.keys(checkRequestFor(empty, { staff: false }))).toEqual([
      'departement',
      'beneficiaryKind',
      'beneficiaryFirstName',
      'beneficiaryLastName',
      'requesterFirstName',
      'requesterLastName',
      'requesterRelation',
      'natures',
      'means',
    ]);
    expect(checkRequestFor(relative(), { staff: false })).toEqual({});
    expect(checkRequestFor(relative({ beneficiaryRpps: '1234' }), { staff: false })).toEqual({ beneficiaryRpps: 'Le numéro RPPS compte 11 chiffres.' });
    expect(checkRequestFor(relative({ beneficiaryRpps: '100 0000 0001' }), { staff: false })).toEqual({});
  });

  it('lets staff record a call from the person themself, without a requester', () => {
    const values = relative({ callerIsRelative: false, requesterFirstName: '', requesterLastName: '', requesterRelation: '' });
    expect(checkRequestFor(values, { staff: true })).toEqual({});
    expect(toRequestForBody(values)).not.toHaveProperty('requester');
    expect(checkRequestFor({ ...values, callerIsRelative: true }, { staff: true }).requesterRelation).toBe('Indiquez son lien avec la personne en difficulté.');
  });

  it('builds the relative’s body as the contract reads it, the RPPS without spaces', () => {
    expect(toRequestForBody(relative({ beneficiaryRpps: '100 0000 0001', message: 'Il ne dort plus.' }))).toEqual({
      natures: ['sante'],
      urgency: 'normale',
      message: 'Il ne dort plus.',
      contact: { means: 'telephone', consent: true, phone: '06 12 34 56 78' },
      departement: '69',
      beneficiary: { kind: 'medecin', firstName: 'Hélène', lastName: 'Morel', rpps: '10000000001' },
      requester: { firstName: 'Paul', lastName: 'Morel', relation: 'Conjoint' },
    });
  });

  it('shows the server’s errors on the form’s fields', () => {
    expect(fieldOfPath('contact.phone')).toBe('phone');
    expect(fieldOfPath('natures.0')).toBe('natures');
    expect(fieldOfPath('beneficiary.rpps')).toBe('beneficiaryRpps');
    expect(toFieldErrors({ requester: 'Indiquez qui vous êtes et votre lien avec la personne.', departement: 'Département inconnu.' })).toEqual({
      requesterFirstName: 'Indiquez qui vous êtes et votre lien avec la personne.',
      departement: 'Département inconnu.',
    });
  });
});
