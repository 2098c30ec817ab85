import { describe, expect, it } from 'vitest';
import { compileRuleset } from './ruleset.js';
import { screenText } from './screen-text.js';

// A second ruleset, unrelated to messages, to show the engine is not tied to them: the kind of rules
// the DPC module will run over training programmes (seed 004: trainings without scientific content).
const programmes = compileRuleset({
  id: 'programmes-dpc-exemple',
  version: '0.0.1',
  rules: [
    {
      id: 'programme.pratique-non-validee',
      description: 'Pratique sans validation scientifique présentée comme un soin.',
      explanation: 'Le programme présente comme un soin une pratique sans validation scientifique.',
      weight: 50,
      allOf: [['médecine quantique', 'biorésonance', 'décodage biologique'], ['guérir', 'soigner', 'traiter']],
      within: 15,
      examples: { match: ['Apprendre à guérir par le décodage biologique'], noMatch: ['Prise en charge du diabète'] },
    },
    {
      id: 'programme.references',
      description: 'Cite des recommandations de la HAS.',
      explanation: 'Le programme s’appuie sur les recommandations de la HAS.',
      weight: -20,
      allOf: [['recommandations de la has', 'haute autorité de santé']],
      examples: { match: ['selon les recommandations de la HAS'], noMatch: ['selon le formateur'] },
    },
  ],
});

describe('screenText with another ruleset', () => {
  it('matches and scores a training programme', () => {
    const screening = screenText('Module 2 : soigner les allergies par la biorésonance.', programmes);
    expect(screening.hits.map((h) => h.rule.definition.id)).toEqual(['programme.pratique-non-validee']);
    expect(screening.score).toBe(50);
    expect(screening.complete).toBe(true);
  });

  it('lowers the score for reassuring rules', () => {
    const screening = screenText('Traiter l’asthme : recommandations de la HAS 2024, et biorésonance en option pour guérir.', programmes);
    expect(screening.score).toBe(40);
  });
});
