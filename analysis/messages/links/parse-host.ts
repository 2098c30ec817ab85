import { parse } from 'tldts';
import { boundedMemo } from '../../engine/bounded-memo.js';

/** tldts' reading of a host name (registrable domain, public suffix…), remembered: read-only. */
export const parseHost: (host: string) => ReturnType<typeof parse> = boundedMemo(5_000, (host) => parse(host));
