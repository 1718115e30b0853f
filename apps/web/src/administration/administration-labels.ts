import type { OrganisationType } from '@suivi-pvd/domain';

/** Action families of the journal filter (the API filters on the action prefix). */
export const JOURNAL_FAMILIES = [
  { value: '', label: 'Toutes les actions' },
  { value: 'auth.', label: 'Connexions' },
  { value: 'compte.', label: 'Comptes' },
] as const;

/** The territory code an organisation stands for, e.g. "INSEE 23001" or "Département 23". */
export function territoryLabel(organisation: {
  type: OrganisationType;
  communeInsee: string | null;
  epciSiren: string | null;
  departementCode: string | null;
  regionCode: string | null;
}): string {
  switch (organisation.type) {
    case 'commune':
      return organisation.communeInsee ? `INSEE ${organisation.communeInsee}` : '—';
    case 'epci':
      return organisation.epciSiren ? `SIREN ${organisation.epciSiren}` : '—';
    case 'prefecture':
      return organisation.departementCode ? `Département ${organisation.departementCode}` : '—';
    case 'sgar':
      return organisation.regionCode ? `Région ${organisation.regionCode}` : '—';
    case 'anct':
      return 'National';
    case 'partenaire':
      return '—';
  }
}
