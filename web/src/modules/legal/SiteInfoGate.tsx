import type { ReactNode } from 'react';
import { Loading } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { useSiteInfo, type TSiteInfo } from './site.api.js';

/** Renders its children once the site facts are loaded; a failure says so rather than showing blanks. */
export function SiteInfoGate({ children }: { children: (site: TSiteInfo) => ReactNode }) {
  const site = useSiteInfo();
  if (site.isPending) return <Loading />;
  if (!site.data) return <Notice tone="danger">Ces informations n’ont pas pu être chargées. Réessayez dans un instant.</Notice>;
  return <>{children(site.data)}</>;
}

export function MailLink({ address }: { address: string }) {
  return <a href={`mailto:${address}`}>{address}</a>;
}
