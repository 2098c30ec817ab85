/**
 * Why an import file was refused, one entry per problem: the server's messages already name the line
 * and the column (« Ligne 3, colonne « Titre » : … »), in the file's order (at most 100).
 */
export function CatalogueImportErrors({ errors }: { errors: readonly [path: string, message: string][] }) {
  return (
    <div className="error-summary" role="alert">
      <p id="import-refus-titre" className="error-summary__title">
        Le fichier est refusé : aucune action n’a été importée. Corrigez ces lignes, puis importez le fichier de nouveau.
      </p>
      <ul aria-labelledby="import-refus-titre">
        {errors.map(([path, text]) => (
          <li key={path}>{text}</li>
        ))}
      </ul>
    </div>
  );
}
