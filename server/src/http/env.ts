// What the middleware put in a request's context.
import type { Language } from '@evotare/verifier/i18n';
import type { OfficialRole } from '../db/schema.ts';

export interface Official {
  readonly id: number;
  readonly name: string;
  readonly role: OfficialRole;
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
