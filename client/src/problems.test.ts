import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { translate } from './i18n.ts';
import { problemMessage } from './problems.ts';
import { addAllTexts } from './text-all.ts';

addAllTexts();

describe('refusals as messages for the voter', () => {
  it('maps the activation problems to their own messages', () => {
    expect(problemMessage(new ApiError('activation-failed', 403, 'x'))).toEqual({ key: 'errActivationFailed' });
    expect(problemMessage(new ApiError('activation-locked', 423, 'x'))).toEqual({ key: 'errActivationLocked' });
    expect(problemMessage(new ApiError('already-activated', 409, 'x'))).toEqual({ key: 'errAlreadyActivated' });
    expect(problemMessage(new ApiError('voter-not-found', 404, 'x'))).toEqual({ key: 'errVoterNotFound' });
    expect(problemMessage(new ApiError('credential-unavailable', 403, 'x'))).toEqual({ key: 'errVotedInPerson' });
  });
  it('tells how many tries are left before the code locks', () => {
    const tries = (n: number) => problemMessage(new ApiError('activation-failed', 403, 'x', { triesLeft: n }));
    expect(tries(3)).toEqual({ key: 'errActivationTries', values: { tries: '3' } });
    expect(tries(1)).toEqual({ key: 'errActivationLastTry', values: { tries: '1' } });
    expect(translate('ro', tries(3).key, tries(3).values)).toContain('3');
  });
  it('says what to do when the connection or the server fails', () => {
    expect(problemMessage(new ApiError('network', 0, ''))).toEqual({ key: 'errNetwork' });
    expect(problemMessage(new ApiError('internal-error', 500, ''))).toEqual({ key: 'errServer' });
    expect(problemMessage(new ApiError('timeout', 0, ''))).toEqual({ key: 'errTimeout' });
    expect(problemMessage(new ApiError('service-unavailable', 503, ''))).toEqual({ key: 'errUnavailable' });
    expect(problemMessage(new ApiError('storage-full', 503, ''))).toEqual({ key: 'errStorageFull' });
    expect(problemMessage(new TypeError('boom'))).toEqual({ key: 'errServer' });
  });
  it('shows the server’s own title for a problem it does not know', () => {
    const m = problemMessage(new ApiError('something-new', 409, 'Ceva nou'));
    expect(m).toEqual({ key: 'errGeneric', values: { title: 'Ceva nou' } });
    expect(translate('ro', m.key, m.values)).toBe('Cererea a fost refuzată: Ceva nou');
  });
});
