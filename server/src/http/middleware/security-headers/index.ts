// Security headers on every response (hono's secureHeaders, with a strict policy: the booth and
// the admin page load nothing from elsewhere), and no caching of API answers by intermediaries.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders as honoSecureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../../env.ts';

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const headers = honoSecureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
    strictTransportSecurity: 'max-age=63072000; includeSubDomains',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  return async (c, next) => {
    await headers(c, async () => {
      await next();
      if (c.req.path.startsWith('/api/') && !c.res.headers.has('cache-control')) {
        c.res.headers.set('cache-control', 'no-store');
      }
    });
  };
}
