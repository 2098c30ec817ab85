/** The last lines of every mail Vigie sends. */
export const MAIL_SIGNATURE = "\n\n—\nVigie, Ordre des médecins\nCe courriel est automatique : n'y répondez pas.";
