import { availableActions, CONVENTION_ACTIONS, CONVENTION_STATES, decideTransition, isEditable, type ConventionAction, type ConventionState } from './convention-workflow.rules';

const TODAY = '2026-11-25';
const chef = ['chef_de_projet'] as const;
const prefecture = ['prefecture_instructeur'] as const;

describe('convention workflow', () => {
  it('follows the nominal path: brouillon → déposée → en instruction → validée → signée', () => {
    let state: ConventionState = 'brouillon';
    const steps: [ConventionAction, readonly ('chef_de_projet' | 'prefecture_instructeur')[]][] = [
      ['deposer', chef],
      ['instruire', prefecture],
      ['valider', prefecture],
      ['signer', prefecture],
    ];
    const visited: ConventionState[] = [state];
    for (const [action, roles] of steps) {
      const decision = decideTransition(state, action, roles, { today: TODAY, signatureDate: '2026-11-20', signedDocumentAttached: true });
      if (!decision.allowed) throw new Error(decision.message);
      state = decision.to;
      visited.push(state);
    }
    expect(visited).toEqual(['brouillon', 'deposee', 'en_instruction', 'validee', 'signee']);
  });

  it('sends a convention back for changes with a message, and lets the chef de projet submit it again', () => {
    expect(decideTransition('en_instruction', 'demander_complements', prefecture, { today: TODAY, comment: '  ' })).toMatchObject({
      allowed: false,
      code: 'COMMENT_REQUIRED',
      field: 'comment',
    });
    expect(decideTransition('en_instruction', 'demander_complements', prefecture, { today: TODAY, comment: 'Plan d’action incomplet' })).toEqual({ allowed: true, to: 'a_completer' });
    expect(decideTransition('a_completer', 'deposer', chef, { today: TODAY })).toEqual({ allowed: true, to: 'deposee' });
  });

  it('lets the chef de projet withdraw a submission not yet taken', () => {
    expect(decideTransition('deposee', 'retirer', chef, { today: TODAY })).toEqual({ allowed: true, to: 'brouillon' });
    expect(decideTransition('en_instruction', 'retirer', chef, { today: TODAY })).toMatchObject({ allowed: false, code: 'ACTION_NOT_ALLOWED_IN_STATE' });
  });

  it('lets the préfecture reopen a validation made by mistake, with a reason, before the signature', () => {
    expect(decideTransition('validee', 'rouvrir', prefecture, { today: TODAY, comment: 'Validée par erreur : le plan de financement manque.' })).toEqual({
      allowed: true,
      to: 'en_instruction',
    });
    expect(decideTransition('validee', 'rouvrir', prefecture, { today: TODAY, comment: '   ' })).toEqual({
      allowed: false,
      code: 'COMMENT_REQUIRED',
      field: 'comment',
      message: 'Indiquez le motif de la réouverture.',
    });
    expect(decideTransition('validee', 'rouvrir', chef, { today: TODAY, comment: 'x' })).toMatchObject({ allowed: false, code: 'ROLE_NOT_ALLOWED' });
    expect(availableActions('validee', prefecture)).toEqual(['signer', 'rouvrir']);
    expect(availableActions('validee', chef)).toEqual([]);
  });

  it('never reopens a signed convention: it is corrected by an avenant', () => {
    expect(decideTransition('signee', 'rouvrir', prefecture, { today: TODAY, comment: 'Erreur' })).toEqual({
      allowed: false,
      code: 'ACTION_NOT_ALLOWED_IN_STATE',
      message: 'Une convention signée ne peut pas être rouverte : elle ne se corrige que par un avenant.',
    });
    expect(availableActions('signee', prefecture)).toEqual([]);
    // Only a validation is reopened: the other states say which one they are in.
    expect(decideTransition('en_instruction', 'rouvrir', prefecture, { today: TODAY, comment: 'x' })).toEqual({
      allowed: false,
      code: 'ACTION_NOT_ALLOWED_IN_STATE',
      message: "Impossible de « rouvrir l'instruction » : la convention est « en instruction ».",
    });
  });

  it('refuses an impossible transition naming the current state', () => {
    const decision = decideTransition('signee', 'valider', prefecture, { today: TODAY });
    expect(decision).toEqual({ allowed: false, code: 'ACTION_NOT_ALLOWED_IN_STATE', message: 'Impossible de « valider » : la convention est « signée ».' });
  });

  it('gives each action to one role only', () => {
    expect(decideTransition('brouillon', 'deposer', prefecture, { today: TODAY })).toMatchObject({ allowed: false, code: 'ROLE_NOT_ALLOWED' });
    expect(decideTransition('deposee', 'instruire', chef, { today: TODAY })).toMatchObject({ allowed: false, code: 'ROLE_NOT_ALLOWED' });
    expect(decideTransition('en_instruction', 'valider', ['elu_lecteur', 'anct_directeur'], { today: TODAY })).toMatchObject({ allowed: false, code: 'ROLE_NOT_ALLOWED' });
  });

  it('requires a past signature date and the signed document to record the signature', () => {
    expect(decideTransition('validee', 'signer', prefecture, { today: TODAY, signedDocumentAttached: true })).toMatchObject({ code: 'SIGNATURE_DATE_REQUIRED' });
    expect(decideTransition('validee', 'signer', prefecture, { today: TODAY, signatureDate: '2026-11-26', signedDocumentAttached: true })).toMatchObject({ code: 'SIGNATURE_DATE_IN_FUTURE' });
    expect(decideTransition('validee', 'signer', prefecture, { today: TODAY, signatureDate: TODAY })).toMatchObject({ code: 'SIGNED_DOCUMENT_REQUIRED' });
    expect(decideTransition('validee', 'signer', prefecture, { today: TODAY, signatureDate: TODAY, signedDocumentAttached: true })).toEqual({ allowed: true, to: 'signee' });
  });

  it('offers exactly the actions that decideTransition accepts on state and role', () => {
    for (const state of CONVENTION_STATES) {
      for (const roles of [chef, prefecture]) {
        const offered = availableActions(state, roles);
        for (const action of CONVENTION_ACTIONS) {
          const decision = decideTransition(state, action, roles, { today: TODAY, comment: 'x', signatureDate: TODAY, signedDocumentAttached: true });
          expect({ state, action, offered: offered.includes(action) }).toEqual({ state, action, offered: decision.allowed });
        }
      }
    }
  });

  it('lets the content be edited only in draft or when changes were asked', () => {
    expect(CONVENTION_STATES.filter(isEditable)).toEqual(['brouillon', 'a_completer']);
  });
});
