-- Issue 16, item 6: the text the public check page shows after « campagne » (fraud_indicators.campaign_label)
-- is no longer the campaign's label, which any agent may type. It is the scam family's French label
-- (contracts), unless a public label proposed by one agent was approved by a second one. campaigns.label
-- stays the agents' working name.

ALTER TABLE campaigns
  -- The approved public label, who proposed it and who approved it (never the same person).
  ADD COLUMN public_label text CHECK (length(public_label) BETWEEN 1 AND 120),
  ADD COLUMN public_label_proposed_by uuid REFERENCES users (id),
  ADD COLUMN public_label_approved_by uuid REFERENCES users (id),
  ADD COLUMN public_label_approved_at timestamptz,
  -- A proposal waiting for a second agent.
  ADD COLUMN public_label_proposal text CHECK (length(public_label_proposal) BETWEEN 1 AND 120),
  ADD COLUMN public_label_proposal_by uuid REFERENCES users (id),
  ADD COLUMN public_label_proposal_at timestamptz,
  ADD CONSTRAINT campaigns_public_label_approved CHECK (
    (public_label IS NULL AND public_label_proposed_by IS NULL AND public_label_approved_by IS NULL AND public_label_approved_at IS NULL)
    OR (public_label IS NOT NULL AND public_label_proposed_by IS NOT NULL AND public_label_approved_by IS NOT NULL
        AND public_label_approved_at IS NOT NULL AND public_label_approved_by <> public_label_proposed_by)),
  ADD CONSTRAINT campaigns_public_label_proposal CHECK (
    (public_label_proposal IS NULL AND public_label_proposal_by IS NULL AND public_label_proposal_at IS NULL)
    OR (public_label_proposal IS NOT NULL AND public_label_proposal_by IS NOT NULL AND public_label_proposal_at IS NOT NULL));

CREATE INDEX campaigns_public_label_proposed_by_idx ON campaigns (public_label_proposed_by) WHERE public_label_proposed_by IS NOT NULL;
CREATE INDEX campaigns_public_label_approved_by_idx ON campaigns (public_label_approved_by) WHERE public_label_approved_by IS NOT NULL;
CREATE INDEX campaigns_public_label_proposal_by_idx ON campaigns (public_label_proposal_by) WHERE public_label_proposal_by IS NOT NULL;

-- Values published before this migration carry whatever label an agent typed: replace it at once by the
-- family's label. The list is the families' French labels of contracts/campaigns.schemas.ts as of this
-- migration (public-label.unit.test.ts keeps them equal); later publications read contracts directly.
UPDATE fraud_indicators AS f
SET campaign_label = fl.label, updated_at = now()
FROM campaigns c
LEFT JOIN (VALUES
  ('certification_periodique', 'Faux contrôle de la certification périodique (menace de radiation)'),
  ('formation_droits', 'Formation proposée « grâce à vos droits » (DPC, CPF)'),
  ('mot_de_passe', 'Mot de passe ou code demandé sans que vous en soyez à l’origine'),
  ('assurance_maladie', 'Fausse Assurance Maladie (ameli, carte Vitale)'),
  ('ecps', 'Fausse e-CPS / Pro Santé Connect'),
  ('cotisation_ordre', 'Faux appel de cotisation ordinale'),
  ('annuaire', 'Fausse facture d’annuaire professionnel'),
  ('urssaf', 'Fausse URSSAF'),
  ('conseiller_bancaire', 'Faux conseiller bancaire'),
  ('colis', 'Faux avis de livraison de colis'),
  ('amende', 'Fausse amende (ANTAI, péage)'),
  ('coordonnees', 'Changement de coordonnées (usurpation d’identité)'),
  ('hameconnage', 'Hameçonnage (vol d’identifiants ou de données bancaires)')
) AS fl(family, label) ON fl.family = c.scam_family
WHERE c.id = f.campaign_id;

-- A published value tied to no campaign has no label anyone approved.
UPDATE fraud_indicators SET campaign_label = NULL, updated_at = now() WHERE campaign_id IS NULL AND campaign_label IS NOT NULL;
