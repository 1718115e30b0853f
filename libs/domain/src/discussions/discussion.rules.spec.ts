import type { Membership } from '../access/permissions';
import { estServiceEtat, messageSegments, messageTexteErreurs, MESSAGE_MAX_LENGTH, refusModification } from './discussion.rules';

const membership = (organisationType: Membership['organisationType'], role: Membership['role']): Membership => ({
  organisationId: 'o',
  organisationType,
  organisationNom: 'Org',
  role,
  communeInsee: organisationType === 'commune' ? '23001' : null,
  epciSiren: null,
  departementCode: organisationType === 'prefecture' ? '23' : null,
  regionCode: organisationType === 'sgar' ? '75' : null,
});

describe('messageSegments', () => {
  it('cuts links out of the text, leaving trailing punctuation as text', () => {
    expect(messageSegments('Voir https://example.org/a?b=1. Merci')).toEqual([
      { kind: 'texte', text: 'Voir ' },
      { kind: 'lien', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'texte', text: '. Merci' },
    ]);
  });

  it('keeps markup as text and links only http(s)', () => {
    expect(messageSegments('<img src=x onerror=alert(1)> javascript:alert(1)')).toEqual([{ kind: 'texte', text: '<img src=x onerror=alert(1)> javascript:alert(1)' }]);
    expect(messageSegments('ftp://example.org')).toEqual([{ kind: 'texte', text: 'ftp://example.org' }]);
    expect(messageSegments('voir http:// ici')).toEqual([{ kind: 'texte', text: 'voir http:// ici' }]);
    expect(messageSegments('https://a.fr:8443/x')).toEqual([{ kind: 'lien', text: 'https://a.fr:8443/x', href: 'https://a.fr:8443/x' }]);
  });

  it('does not swallow quotes or angle brackets into a link', () => {
    const segments = messageSegments('"http://a.fr/x"><script>');
    expect(segments.filter((s) => s.kind === 'lien')).toEqual([{ kind: 'lien', text: 'http://a.fr/x', href: 'http://a.fr/x' }]);
    expect(segments.map((s) => s.text).join('')).toBe('"http://a.fr/x"><script>');
  });

  it('gives back the whole text, links included', () => {
    const text = 'a https://x.fr b http://y.fr/z, c';
    expect(messageSegments(text).map((s) => s.text).join('')).toBe(text);
    expect(messageSegments('')).toEqual([]);
  });
});

describe('messageTexteErreurs', () => {
  it('refuses empty, too long and control characters; accepts line breaks', () => {
    expect(messageTexteErreurs('   ')).toEqual(['Écrivez un message.']);
    expect(messageTexteErreurs('x'.repeat(MESSAGE_MAX_LENGTH + 1))).toHaveLength(1);
    expect(messageTexteErreurs('x'.repeat(MESSAGE_MAX_LENGTH))).toEqual([]);
    expect(messageTexteErreurs('a\u0007b')).toEqual(['Le message contient des caractères de contrôle.']);
    expect(messageTexteErreurs('a\u202eb')).toHaveLength(1);
    expect(messageTexteErreurs('Bonjour,\n\tmerci')).toEqual([]);
  });
});

describe('refusModification', () => {
  const creeLe = new Date('2026-03-01T10:00:00Z');
  it('lets the author edit within 15 minutes only', () => {
    expect(refusModification({ auteurId: 'u', creeLe, supprime: false }, 'u', new Date('2026-03-01T10:15:00Z'))).toBeNull();
    expect(refusModification({ auteurId: 'u', creeLe, supprime: false }, 'u', new Date('2026-03-01T10:15:01Z'))).toBe('delai_depasse');
    expect(refusModification({ auteurId: 'u', creeLe, supprime: false }, 'v', new Date('2026-03-01T10:01:00Z'))).toBe('pas_auteur');
    expect(refusModification({ auteurId: 'u', creeLe, supprime: true }, 'u', new Date('2026-03-01T10:01:00Z'))).toBe('supprime');
  });
});

describe('estServiceEtat', () => {
  it('is true for préfecture, SGAR and ANCT, false for communes and partners', () => {
    expect(estServiceEtat([membership('prefecture', 'prefecture_instructeur')])).toBe(true);
    expect(estServiceEtat([membership('sgar', 'sgar_lecteur')])).toBe(true);
    expect(estServiceEtat([membership('anct', 'anct_directeur')])).toBe(true);
    expect(estServiceEtat([membership('commune', 'chef_de_projet')])).toBe(false);
    expect(estServiceEtat([membership('partenaire', 'partenaire')])).toBe(false);
    expect(estServiceEtat([])).toBe(false);
  });
});
