import type { OrganisationType } from '@suivi-pvd/domain';
import type { AireLabels } from '../referentiel/data/aires.hooks';

/** Action families of the journal filter (the API filters on the action prefix). */
export const JOURNAL_FAMILIES = [
  { value: '', label: 'Toutes les actions' },
  { value: 'auth.', label: 'Connexions' },
  { value: 'compte.', label: 'Comptes' },
] as const;

/** The territory an organisation stands for, e.g. "INSEE 23001", "Creuse (23)" or "Nouvelle-Aquitaine" (areas named by `labels`). */
export function territoryLabel(
  organisation: {
  type: OrganisationType;
  communeInsee: string | null;
  epciSiren: string | null;
  departementCode: string | null;
  regionCode: string | null;
  },
  labels: AireLabels,
): string {
  switch (organisation.type) {
    case 'commune':
      return organisation.communeInsee ? `INSEE ${organisation.communeInsee}` : '—';
    case 'epci':
      return organisation.epciSiren ? `SIREN ${organisation.epciSiren}` : '—';
    case 'prefecture':
      return organisation.departementCode ? labels.departement(organisation.departementCode) : '—';
    case 'sgar':
      return organisation.regionCode ? labels.region(organisation.regionCode) : '—';
    case 'anct':
      return 'National';
    case 'partenaire':
      return '—';
  }
}
