// What an agent reads when a file has no preview (French, shown as is by the web app).

export const PREVIEW_UNSUPPORTED = 'Aperçu indisponible pour ce type de fichier : téléchargez-le.';
export const PREVIEW_UNREADABLE = 'Aperçu indisponible : ce fichier n’a pas pu être lu. Téléchargez-le pour l’ouvrir.';
export const PREVIEW_TOO_LARGE = 'Aperçu indisponible : ce fichier est trop volumineux. Téléchargez-le.';
export const PREVIEW_BUSY = 'Trop d’aperçus sont en cours de préparation. Réessayez dans quelques secondes.';
