-- Specialties written before the register took only the official list (contracts/specialties.ts) are
-- brought to its labels, so that alerts target a specialty by one spelling. A record changes only when
-- its text names an official specialty exactly (label or known alias, case, accents and punctuation
-- ignored); other texts are left as they are. Each change is a new version of the record with its
-- history entry (source « normalisation »), as an import would write it.

ALTER TABLE doctor_history DROP CONSTRAINT doctor_history_source_check;
ALTER TABLE doctor_history ADD CONSTRAINT doctor_history_source_check
  CHECK (source IN ('import', 'change_request', 'self_service', 'freeze', 'unfreeze', 'normalisation'));

-- specialty_spellings: the folded spelling (as contracts/specialties.ts folds it) of each official label
-- and alias, with its label.
WITH specialty_spellings (folded, label) AS (VALUES
  ('medecine generale', 'Médecine générale'),
  ('qualifie en medecine generale', 'Médecine générale'),
  ('specialiste en medecine generale', 'Médecine générale'),
  ('medecine generale mg', 'Médecine générale'),
  ('allergologie', 'Allergologie'),
  ('anatomie et cytologie pathologiques', 'Anatomie et cytologie pathologiques'),
  ('anesthesie reanimation', 'Anesthésie-réanimation'),
  ('biologie medicale', 'Biologie médicale'),
  ('cardiologie et maladies vasculaires', 'Cardiologie et maladies vasculaires'),
  ('medecine cardiovasculaire', 'Cardiologie et maladies vasculaires'),
  ('cardiologie', 'Cardiologie et maladies vasculaires'),
  ('chirurgie generale', 'Chirurgie générale'),
  ('chirurgie maxillo faciale', 'Chirurgie maxillo-faciale'),
  ('chirurgie maxillo faciale et stomatologie', 'Chirurgie maxillo-faciale et stomatologie'),
  ('chirurgie orale', 'Chirurgie orale'),
  ('chirurgie orthopedique et traumatologie', 'Chirurgie orthopédique et traumatologie'),
  ('chirurgie orthopedique et traumatologique', 'Chirurgie orthopédique et traumatologie'),
  ('chirurgie pediatrique', 'Chirurgie pédiatrique'),
  ('chirurgie infantile', 'Chirurgie pédiatrique'),
  ('chirurgie plastique reconstructrice et esthetique', 'Chirurgie plastique, reconstructrice et esthétique'),
  ('chirurgie thoracique et cardio vasculaire', 'Chirurgie thoracique et cardio-vasculaire'),
  ('chirurgie thoracique et cardiovasculaire', 'Chirurgie thoracique et cardio-vasculaire'),
  ('chirurgie urologique', 'Chirurgie urologique'),
  ('urologie', 'Chirurgie urologique'),
  ('chirurgie vasculaire', 'Chirurgie vasculaire'),
  ('chirurgie viscerale et digestive', 'Chirurgie viscérale et digestive'),
  ('dermatologie et venereologie', 'Dermatologie et vénéréologie'),
  ('endocrinologie diabetologie nutrition', 'Endocrinologie, diabétologie, nutrition'),
  ('endocrinologie et metabolisme', 'Endocrinologie, diabétologie, nutrition'),
  ('gastro enterologie et hepatologie', 'Gastro-entérologie et hépatologie'),
  ('hepato gastro enterologie', 'Gastro-entérologie et hépatologie'),
  ('genetique medicale', 'Génétique médicale'),
  ('geriatrie', 'Gériatrie'),
  ('gynecologie medicale', 'Gynécologie médicale'),
  ('gynecologie medicale et obstetrique', 'Gynécologie médicale et obstétrique'),
  ('gynecologie obstetrique', 'Gynécologie-obstétrique'),
  ('hematologie', 'Hématologie'),
  ('maladies du sang', 'Hématologie'),
  ('maladies infectieuses et tropicales', 'Maladies infectieuses et tropicales'),
  ('medecine d urgence', 'Médecine d''urgence'),
  ('medecine intensive reanimation', 'Médecine intensive-réanimation'),
  ('medecine interne et immunologie clinique', 'Médecine interne et immunologie clinique'),
  ('medecine interne', 'Médecine interne et immunologie clinique'),
  ('medecine legale et expertises medicales', 'Médecine légale et expertises médicales'),
  ('medecine nucleaire', 'Médecine nucléaire'),
  ('medecine physique et de readaptation', 'Médecine physique et de réadaptation'),
  ('medecine du travail', 'Médecine du travail'),
  ('medecine et sante au travail', 'Médecine du travail'),
  ('medecine vasculaire', 'Médecine vasculaire'),
  ('nephrologie', 'Néphrologie'),
  ('neurochirurgie', 'Neurochirurgie'),
  ('neurologie', 'Neurologie'),
  ('neuropsychiatrie', 'Neuropsychiatrie'),
  ('oncologie medicale', 'Oncologie médicale'),
  ('oncologie option medicale', 'Oncologie médicale'),
  ('oncologie radiotherapique', 'Oncologie radiothérapique'),
  ('oncologie option radiotherapie', 'Oncologie radiothérapique'),
  ('radiotherapie', 'Oncologie radiothérapique'),
  ('ophtalmologie', 'Ophtalmologie'),
  ('oto rhino laryngologie et chirurgie cervico faciale', 'Oto-rhino-laryngologie et chirurgie cervico-faciale'),
  ('o r l et chirurgie cervico faciale', 'Oto-rhino-laryngologie et chirurgie cervico-faciale'),
  ('orl et chirurgie cervico faciale', 'Oto-rhino-laryngologie et chirurgie cervico-faciale'),
  ('oto rhino laryngologie', 'Oto-rhino-laryngologie et chirurgie cervico-faciale'),
  ('pediatrie', 'Pédiatrie'),
  ('pneumologie', 'Pneumologie'),
  ('psychiatrie', 'Psychiatrie'),
  ('psychiatrie de l enfant et de l adolescent', 'Psychiatrie de l''enfant et de l''adolescent'),
  ('psychiatrie option enfant et adolescent', 'Psychiatrie de l''enfant et de l''adolescent'),
  ('radiologie et imagerie medicale', 'Radiologie et imagerie médicale'),
  ('radio diagnostic', 'Radiologie et imagerie médicale'),
  ('radiodiagnostic et imagerie medicale', 'Radiologie et imagerie médicale'),
  ('radio diagnostic et imagerie medicale', 'Radiologie et imagerie médicale'),
  ('rhumatologie', 'Rhumatologie'),
  ('sante publique et medecine sociale', 'Santé publique et médecine sociale'),
  ('sante publique', 'Santé publique et médecine sociale'),
  ('stomatologie', 'Stomatologie')
),
folded AS (
  SELECT d.id, d.specialty AS before, s.label AS after
  FROM doctors d
  JOIN specialty_spellings s ON s.folded = btrim(regexp_replace(lower(translate(d.specialty,
      'àâäáãåéèêëíìîïóòôöõúùûüçñÿÀÂÄÁÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÇÑŸ',
      'aaaaaaeeeeiiiiooooouuuucnyAAAAAAEEEEIIIIOOOOOUUUUCNY')), '[^a-z0-9]+', ' ', 'g'))
  WHERE d.specialty <> s.label
),
changed AS (
  UPDATE doctors d SET specialty = f.after, version = d.version + 1, updated_at = now()
  FROM folded f WHERE d.id = f.id
  RETURNING d.id, d.version, f.before, f.after
)
INSERT INTO doctor_history (doctor_id, version, source, changes)
SELECT id, version, 'normalisation', jsonb_build_object('specialty', jsonb_build_object('before', before, 'after', after))
FROM changed;
