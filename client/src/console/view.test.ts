import { describe, expect, it } from 'vitest';
import { availableActions, type ConsoleView } from './view.ts';

function view(next: ConsoleView['election']['next'], extra: Partial<ConsoleView> = {}): ConsoleView {
  return {
    election: { next },
    mixing: { nodes: [], deadline: null, completed: false },
    decryption: { posted: 0, needed: 2, resultPublished: false },
    ...extra,
  } as unknown as ConsoleView;
}

describe('availableActions', () => {
  it('offers the step the stage calls for, and nothing while the parties are at work', () => {
    expect(availableActions(view('start-ceremony'))).toEqual(['start-ceremony']);
    expect(availableActions(view('close-complaints'))).toEqual(['close-phase']);
    expect(availableActions(view('close-resolution'))).toEqual(['close-phase']);
    expect(availableActions(view('open-voting'))).toEqual(['open-voting']);
    expect(availableActions(view('close-voting'))).toEqual(['close-voting']);
    expect(availableActions(view('trustees-deal'))).toEqual([]);
    expect(availableActions(view('verify'))).toEqual([]);
  });

  it('offers to end the mixing only from its deadline, and to publish only with k partial decryptions', () => {
    const past = new Date(Date.now() - 1000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    const mixing = (deadline: string | null) => view('mix', { mixing: { nodes: [], deadline, completed: false } });
    expect(availableActions(mixing(null))).toEqual([]);
    expect(availableActions(mixing(future))).toEqual([]);
    expect(availableActions(mixing(past))).toEqual(['end-mixing']);
    const decrypting = (posted: number) =>
      view('decrypt', { decryption: { posted, needed: 2, resultPublished: false } });
    expect(availableActions(decrypting(1))).toEqual([]);
    expect(availableActions(decrypting(2))).toEqual(['publish-result']);
  });
});
