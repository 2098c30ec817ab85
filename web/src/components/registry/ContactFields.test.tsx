import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { ContactFields } from './ContactFields.js';

const CORR: TDoctorRecord['corr'] = { address: '2 rue Monge', postalCode: '75005', city: 'Paris', email: 'jeanne@exemple.fr', phone: null };
const PRO: TDoctorRecord['pro'] = { address: '1 rue de la Paix', postalCode: '69002', city: 'Lyon', email: 'cabinet@exemple.fr', phone: '0140000000' };

const value = (label: string): string => (screen.getByLabelText(label) as HTMLInputElement).value;

describe('ContactFields', () => {
  it("labels each field of both blocks with the register's words, filled with the record's values", () => {
    render(
      <>
        <ContactFields idPrefix="t" block="corr" current={CORR} errors={{}} />
        <ContactFields idPrefix="t" block="pro" current={PRO} errors={{}} />
      </>,
    );
    // The correspondence block's postal lines are short: their legend or heading says « correspondance ».
    expect([value('Adresse'), value('Code postal'), value('Ville')]).toEqual(['2 rue Monge', '75005', 'Paris']);
    expect(value('Adresse électronique de correspondance')).toBe('jeanne@exemple.fr');
    expect(value('Téléphone de correspondance')).toBe('');
    expect([value("Adresse d'exercice"), value("Code postal d'exercice"), value("Ville d'exercice")]).toEqual(['1 rue de la Paix', '69002', 'Lyon']);
    expect(value('Adresse électronique professionnelle')).toBe('cabinet@exemple.fr');
    expect(value('Téléphone professionnel')).toBe('0140000000');
  });
});
