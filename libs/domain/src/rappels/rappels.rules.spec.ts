import { cadreRappelType, frenchLongDay, rappelItemType, rappelNotificationKind, isDossierInactif, RAPPEL_DESTINATAIRES, RAPPEL_TYPES, rappelOccurrenceKey, rappelPath, rappelRaison } from './rappels.rules';

describe('convention-cadre reminder windows', () => {
  it('sends the 90-day notice from 90 to 31 days, the 30-day notice from 30 to the due day, then lateness', () => {
    expect([120, 91, 90, 31, 30, 1, 0, -1, -400].map(cadreRappelType)).toEqual([null, null, 'cadre_90', 'cadre_90', 'cadre_30', 'cadre_30', 'cadre_30', 'cadre_retard', 'cadre_retard']);
  });
});

describe('dormant dossier', () => {
  it('is dormant more than six months after the last change (calendar months, clamped)', () => {
    expect(isDossierInactif('2026-03-04', '2026-09-04')).toBe(false);
    expect(isDossierInactif('2026-03-04', '2026-09-05')).toBe(true);
    // 31 August + 6 months = 28 February (clamped): the first dormant day is 1 March.
    expect(isDossierInactif('2026-08-31', '2027-02-28')).toBe(false);
    expect(isDossierInactif('2026-08-31', '2027-03-01')).toBe(true);
  });
});

describe('occurrence keys', () => {
  it('name the type, the record and the dating fact: a new due day is a new occurrence', () => {
    expect(rappelOccurrenceKey('cadre_90', 'pvd-1', '2027-03-12')).toBe('cadre_90:pvd-1:2027-03-12');
    expect(rappelOccurrenceKey('cadre_90', 'pvd-1', '2027-03-12')).not.toBe(rappelOccurrenceKey('cadre_90', 'pvd-1', '2027-09-12'));
    expect(rappelOccurrenceKey('cadre_90', 'pvd-1', '2027-03-12')).not.toBe(rappelOccurrenceKey('cadre_30', 'pvd-1', '2027-03-12'));
  });
});

describe('reasons', () => {
  it('write days in French', () => {
    expect(frenchLongDay('2027-03-12')).toBe('12 mars 2027');
    expect(frenchLongDay('2027-08-01')).toBe('1er août 2027');
  });

  it('say why each reminder is sent', () => {
    expect(rappelRaison({ type: 'cadre_90', pvdNom: 'Ahun', dueDate: '2027-03-12' }, '2026-12-12')).toBe(
      'La convention-cadre de Ahun doit être signée au plus tard le 12 mars 2027 (dans 90 jours).',
    );
    expect(rappelRaison({ type: 'cadre_30', pvdNom: 'Ahun', dueDate: '2027-03-12' }, '2027-03-11')).toBe(
      'La convention-cadre de Ahun doit être signée au plus tard le 12 mars 2027 (dans 1 jour).',
    );
    expect(rappelRaison({ type: 'cadre_30', pvdNom: 'Ahun', dueDate: '2027-03-12' }, '2027-03-12')).toBe(
      'La convention-cadre de Ahun doit être signée au plus tard le 12 mars 2027 (aujourd’hui).',
    );
    expect(rappelRaison({ type: 'cadre_retard', pvdNom: 'Ahun', dueDate: '2027-03-12' }, '2027-03-15')).toBe(
      'La convention-cadre de Ahun devait être signée au plus tard le 12 mars 2027 : elle a 3 jours de retard.',
    );
    expect(rappelRaison({ type: 'a_completer', pvdNom: 'Ahun', conventionTitre: 'Convention-cadre', depuis: '2027-01-01' }, '2027-02-01')).toBe(
      'Convention-cadre de Ahun : renvoi pour compléments le 1er janvier 2027, sans réponse depuis 31 jours (plus de 30 jours).',
    );
    expect(rappelRaison({ type: 'poste_vacant', pvdNom: 'Ahun', intitule: 'Chef de projet', message: 'Le poste est vacant depuis le 01/01/2027 (4 mois).' }, '2027-05-02')).toBe(
      'Poste « Chef de projet » de Ahun : Le poste est vacant depuis le 01/01/2027 (4 mois).',
    );
    expect(rappelRaison({ type: 'dossier_inactif', pvdNom: 'Ahun', depuis: '2026-03-04' }, '2026-09-05')).toBe(
      'Le dossier de Ahun n’a pas été mis à jour depuis le 4 mars 2026 (plus de 6 mois).',
    );
  });
});

describe('recipients and links', () => {
  it('always include the chefs de projet; the préfecture only where its follow-up is at stake', () => {
    for (const type of RAPPEL_TYPES) expect(RAPPEL_DESTINATAIRES[type]).toContain('chef_de_projet');
    expect(RAPPEL_TYPES.filter((t) => RAPPEL_DESTINATAIRES[t].includes('prefecture_instructeur'))).toEqual(['cadre_retard', 'a_completer', 'poste_vacant', 'dossier_inactif']);
  });

  it('are sent as deadlines, or as post alerts for posts', () => {
    expect(RAPPEL_TYPES.map(rappelNotificationKind)).toEqual(['echeance', 'echeance', 'echeance', 'echeance', 'alerte_poste', 'alerte_poste', 'echeance']);
    expect(RAPPEL_TYPES.map(rappelItemType)).toEqual(['dossier', 'dossier', 'dossier', 'convention', 'poste', 'poste', 'dossier']);
  });

  it('lead to the item', () => {
    expect(rappelPath('cadre_retard', 'p1', 'p1')).toBe('/pvd/p1');
    expect(rappelPath('a_completer', 'p1', 'c1')).toBe('/conventions/c1');
    expect(rappelPath('poste_vacant', 'p1', 'po1')).toBe('/postes/po1');
  });
});
