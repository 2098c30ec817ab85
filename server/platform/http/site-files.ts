import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZSiteInfo, type TSiteInfo } from '../../../contracts/site.schemas.js';
import type { Config } from '../../config.js';

/** What the running rules keep, read at request time so the page follows an administrator's change. */
export interface RetentionFacts {
  unconfirmedReportHours: number;
  entraideMonths: () => Promise<number>;
}

/** Paths a search engine may not list: the API, staff screens, personal screens and pages opened by a token. */
const DISALLOWED = [
  '/api/',
  '/admin/',
  '/tableau',
  '/signalements',
  '/campagnes',
  '/indicateurs',
  '/alertes/gestion',
  '/veille',
  '/entraide/dossiers',
  '/entraide/appels',
  '/entraide/enregistrer',
  '/entraide/statistiques',
  '/entraide/demande',
  '/entraide/mes-demandes',
  '/compte',
  '/mes-',
  '/connexion',
  '/signaler/confirmer',
  '/suivi',
  '/activer-mon-compte',
  '/ce-netait-pas-moi',
  '/reinitialiser-mot-de-passe',
  '/premier-administrateur',
];

export function robotsTxt(): string {
  return ['User-agent: *', 'Allow: /', ...DISALLOWED.map((p) => `Disallow: ${p}`), ''].join('\n');
}

/** RFC 9116: Expires at most a year ahead, computed per request so the file never goes stale on a long-running instance. */
export function securityTxt(site: Config['site'], publicUrl: string, now = new Date()): string {
  const expires = new Date(now.getTime() + 364 * 86_400_000);
  expires.setUTCHours(0, 0, 0, 0);
  return [
    `Contact: ${site.securityContact}`,
    `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
    'Preferred-Languages: fr, en',
    `Canonical: ${publicUrl}/.well-known/security.txt`,
    '',
  ].join('\n');
}

/**
 * The site's public files and facts: robots.txt, security.txt and GET /api/site (identity, contacts and
 * retention periods for the legal pages). Public by design; none carries personal data.
 */
export const siteRoutes: FastifyPluginAsyncZod<{ config: Config; retention: RetentionFacts }> = async (app, { config, retention }) => {
  app.get('/robots.txt', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(robotsTxt());
  });

  app.get('/.well-known/security.txt', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400').send(securityTxt(config.site, config.publicUrl));
  });

  app.get('/api/site', {
    config: { access: 'public' },
    schema: { tags: ['site'], summary: 'Publisher, contacts and retention periods shown on the legal pages', response: { 200: ZSiteInfo } },
  }, async (_req, reply): Promise<TSiteInfo> => {
    // A changed setting shows within minutes; the pages need no fresher figure.
    reply.header('cache-control', 'public, max-age=300');
    const { site } = config;
    return {
      publisher: site.publisher,
      publisherAddress: site.publisherAddress,
      publicationDirector: site.publicationDirector,
      hosting: site.hosting,
      contactEmail: site.contactEmail,
      dpoContact: site.dpoContact,
      publicUrl: config.publicUrl,
      retention: {
        unconfirmedReportHours: retention.unconfirmedReportHours,
        entraideMonths: await retention.entraideMonths(),
        indicatorDays: config.indicatorExpiryDays,
        sessionIdleMinutes: config.sessionIdleMinutes,
        sessionAbsoluteHours: config.sessionAbsoluteHours,
      },
    };
  });
};
