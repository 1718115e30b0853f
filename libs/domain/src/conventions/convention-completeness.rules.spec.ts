import { missingForDeposit, requiredForDeposit, type ConventionContent } from './convention-completeness.rules';

const empty = (type: ConventionContent['type']): ConventionContent => ({ type, signatairesCount: 0, actionsCount: 0, documentsCount: 0 });

describe('missingForDeposit', () => {
  it('lists everything an empty convention-cadre lacks, in French', () => {
    expect(missingForDeposit(empty('cadre'))).toEqual({
      diagnostic: ['Rédigez le diagnostic.'],
      strategie: ['Rédigez la stratégie de revitalisation.'],
      signataires: ['Ajoutez au moins un signataire.'],
      actions: ["Ajoutez au moins une action au plan d'action."],
      documents: ['Joignez au moins un document (le projet de convention).'],
    });
  });

  it('accepts a complete convention-cadre', () => {
    expect(
      missingForDeposit({ type: 'cadre', diagnostic: 'Centre-bourg en déprise', strategie: 'Reconquérir le centre', signatairesCount: 1, actionsCount: 2, documentsCount: 1 }),
    ).toEqual({});
  });

  it('counts blank texts as missing', () => {
    expect(Object.keys(missingForDeposit({ type: 'cadre', diagnostic: '   ', strategie: 'ok', signatairesCount: 1, actionsCount: 1, documentsCount: 1 }))).toEqual(['diagnostic']);
  });

  it("asks a convention d'adhésion for a signatory and a document only", () => {
    expect(Object.keys(missingForDeposit(empty('adhesion')))).toEqual(['signataires', 'documents']);
    expect(missingForDeposit({ type: 'adhesion', signatairesCount: 1, actionsCount: 0, documentsCount: 1 })).toEqual({});
  });

  it('asks an avenant for its objet, a signatory and a document, not an action', () => {
    expect(Object.keys(missingForDeposit(empty('avenant')))).toEqual(['objet', 'signataires', 'documents']);
    expect(missingForDeposit({ type: 'avenant', objet: 'Ajout d’une action', signatairesCount: 1, actionsCount: 0, documentsCount: 1 })).toEqual({});
  });

  it('names what each type requires', () => {
    expect(requiredForDeposit('cadre')).toEqual(['diagnostic', 'strategie', 'signataires', 'actions', 'documents']);
  });
});
