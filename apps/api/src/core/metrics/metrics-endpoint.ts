import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { MetricsConfig } from '../config/config';
import type { MetricsService } from './metrics.service';

/** The address ranges behind the names Express (proxy-addr) also accepts. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** METRICS_ALLOW's entries (validated by loadConfig) as a BlockList. */
export function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => NAMED_RANGES[e] ?? [e])) {
    const [address, prefix] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** Whether an address (as Node gives it: `::ffff:10.0.0.1` for IPv4 on a dual-stack socket) is in the list. */
export function isAllowed(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIPv4(plain)) return list.check(plain, 'ipv4');
  return isIPv6(plain) && list.check(plain, 'ipv6');
}

function sameToken(given: string, expected: string): boolean {
  // Compared as digests: equal lengths, no timing hint about the token.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * `GET /metrics`, Prometheus text. Answers a client sending `Authorization: Bearer <METRICS_TOKEN>`,
 * or one whose address is in METRICS_ALLOW (default loopback): the client's address as Express
 * sees it (`req.ip`, X-Forwarded-For believed only from TRUST_PROXY's proxies). A request relayed
 * by a proxy that TRUST_PROXY does not name is refused without the token: its client is unknown.
 * Refusals use the one error body (401 with a wrong token, 403 otherwise).
 */
export function metricsEndpoint(config: MetricsConfig, metrics: MetricsService, trustsProxies: boolean) {
  const allowed = allowList(config.allow);
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.locals.metricsRoute = '/metrics';
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (config.token !== null && bearer !== undefined && sameToken(bearer, config.token)) return send(res, metrics);
      res.status(401).json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Jeton de métriques invalide.' });
      return;
    }
    const relayed = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if ((!relayed || trustsProxies) && isAllowed(allowed, req.ip)) return send(res, metrics);
    res.status(403).json({
      statusCode: 403,
      code: 'FORBIDDEN',
      message: `Métriques lisibles depuis les adresses de METRICS_ALLOW${config.token === null ? '' : ' ou avec le jeton (Authorization: Bearer)'} seulement.`,
    });
  };
}

async function send(res: Response, metrics: MetricsService): Promise<void> {
  const { contentType, body } = await metrics.render();
  res.setHeader('Cache-Control', 'no-store');
  res.type(contentType).send(body);
}
