-- The PDF of each package sent to the ANDPC or the MIVILUDES, byte for byte as it was sent. Downloading
-- a package used to render the PDF again from its stored JSON and compare it with the fingerprint kept
-- at sending: any later change of layout, font or typography made every earlier package read as
-- « not the one sent ». The bytes are kept apart from dpc_exchanges so that listing a signalement's
-- exchanges never reads them. Packages sent before this migration have no row here: their PDF is
-- rendered again, as before, and checked against their fingerprint.
CREATE TABLE dpc_package_pdfs (
  exchange_id uuid PRIMARY KEY REFERENCES dpc_exchanges (id),
  bytes bytea NOT NULL
);
