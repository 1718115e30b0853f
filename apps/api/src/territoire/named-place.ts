import { namedPlaceCheck, type NamedPlace, type NamedPlaceUse, type NamingRecord, type Permission } from '@suivi-pvd/domain';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';

const SUMMARY: Record<NamedPlaceUse, { incoherent: string; horsTerritoire: string }> = {
  maitreOuvrage: { incoherent: 'Ce maître d’ouvrage ne correspond pas aux communes couvertes.', horsTerritoire: 'Ce maître d’ouvrage est hors de votre territoire.' },
  epciSignataire: { incoherent: 'Cet EPCI ne compte pas toutes les communes de l’ORT parmi ses membres.', horsTerritoire: 'Cet EPCI est hors de votre territoire.' },
  employeur: { incoherent: 'Cet employeur n’est ni une commune de la PVD ni son EPCI.', horsTerritoire: 'Cet employeur est hors de votre territoire.' },
};

/**
 * A place a record names (maître d'ouvrage, signing EPCI, employer), judged on stored territory by
 * the domain's `namedPlaceCheck`, on create and update: a place that does not fit the record
 * answers 400 (`VALIDATION_FAILED`), one the caller may not name 403 (`COMMUNE_HORS_TERRITOIRE`,
 * as a covered commune outside their territory), each on `field`. `detail` adds to the 400's message.
 */
export function requireNamedPlace(
  user: CurrentUser,
  permission: Permission,
  input: { use: NamedPlaceUse; field: string; record: NamingRecord; place: NamedPlace; previous: { kind: 'commune' | 'epci'; code: string } | null; detail?: string },
): void {
  const check = namedPlaceCheck(user.memberships, permission, input.use, input.record, input.place, input.previous);
  if (check.incoherent) {
    throw new AppError('VALIDATION_FAILED', SUMMARY[input.use].incoherent, { [input.field]: [input.detail ? `${check.incoherent} ${input.detail}` : check.incoherent] });
  }
  if (check.horsTerritoire) throw new AppError('COMMUNE_HORS_TERRITOIRE', SUMMARY[input.use].horsTerritoire, { [input.field]: [check.horsTerritoire] });
}
