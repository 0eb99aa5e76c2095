// What the middleware put in a request's context.
import type { Language } from '@evotare/verifier/i18n';

export interface Official {
  readonly id: number;
  readonly name: string;
}

export type AppEnv = {
  Variables: {
    language: Language;
    requestId: string;
    /** The authenticated official (official-auth middleware). */
    official: Official;
    /** The parsed, validated request body (json-body middleware). */
    body: unknown;
  };
};
